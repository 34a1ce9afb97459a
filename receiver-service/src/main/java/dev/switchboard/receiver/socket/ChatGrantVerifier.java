package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.delivery.RemovedMembers;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Checks a sender's chat grant (HS256 JWT, audience {@value #AUDIENCE}, {@code sub} the member, claim
 * {@value #CHAT_CLAIM} the chat): the signature with {@code switchboard.grants.secret}, the expiry, and that it is
 * for this connection's user and the chat the frame names. The receiver's whole membership check: no database.
 * jose4j directly (what smallrye-jwt uses underneath): the access-token parser applies the mp.jwt.verify settings
 * (issuer, audience), which grants do not carry.
 */
@Startup
@ApplicationScoped
public class ChatGrantVerifier {

    static final String AUDIENCE = "switchboard-grant";
    static final String CHAT_CLAIM = "chatId";
    static final String PRESENCE_CLAIM = "presenceOf";
    static final int MIN_SECRET_BYTES = 32;

    private static final Logger LOG = Logger.getLogger(ChatGrantVerifier.class);

    private final JwtConsumer consumer;

    @Inject
    public ChatGrantVerifier(GrantConfig config) {
        SecretKeySpec key = config.secret()
                .map(secret -> {
                    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
                    if (bytes.length < MIN_SECRET_BYTES) {
                        throw new IllegalStateException("switchboard.grants.secret must be at least " + MIN_SECRET_BYTES
                                + " bytes (it is " + bytes.length + ")");
                    }
                    return new SecretKeySpec(bytes, "HmacSHA256");
                })
                .orElse(null);
        this.consumer = key == null
                ? null
                : new JwtConsumerBuilder()
                        .setVerificationKey(key)
                        .setJwsAlgorithmConstraints(
                                AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                        .setExpectedAudience(AUDIENCE)
                        .setRequireSubject()
                        .setRequireExpirationTime()
                        .setRequireIssuedAt()
                        .build();
    }

    public boolean enabled() {
        return consumer != null;
    }

    /**
     * When the grant was issued and expires, or empty when it is not a valid grant of this user for this chat, or it
     * would live longer than any sender issues one for (so that a removal is remembered for as long as it can matter:
     * see RemovedMembers).
     */
    public Optional<ChatGrant> verify(String grant, String userId, UUID chatId) {
        if (consumer == null) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(grant);
            if (!userId.equals(claims.getSubject())
                    || !chatId.toString().equals(claims.getClaimValueAsString(CHAT_CLAIM))) {
                return Optional.empty();
            }
            Instant issuedAt = Instant.ofEpochSecond(claims.getIssuedAt().getValue());
            Instant expiresAt = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
            if (Duration.between(issuedAt, expiresAt).compareTo(RemovedMembers.MAX_GRANT_LIFETIME) > 0) {
                return Optional.empty();
            }
            return Optional.of(new ChatGrant(issuedAt, expiresAt));
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException | RuntimeException e) {
            LOG.debugf("grant rejected: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The users a presence grant lets this connection's user follow (ones they shared a chat with when it was
     * issued), and when it expires; empty when it is not a valid presence grant of this user or names more than
     * {@code maxUsers}.
     */
    public Optional<PresenceGrant> verifyPresence(String grant, String userId, int maxUsers) {
        if (consumer == null) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(grant);
            if (!userId.equals(claims.getSubject()) || !claims.hasClaim(PRESENCE_CLAIM)) {
                return Optional.empty();
            }
            java.util.List<String> users = claims.getStringListClaimValue(PRESENCE_CLAIM);
            if (users.size() > maxUsers) {
                return Optional.empty();
            }
            return Optional.of(new PresenceGrant(
                    java.util.List.copyOf(users),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue())));
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException | RuntimeException e) {
            LOG.debugf("presence grant rejected: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** A valid chat grant: when it was signed (on the sender's clock) and when it runs out. */
    public record ChatGrant(Instant issuedAt, Instant expiresAt) {}

    /** What a presence grant allows. */
    public record PresenceGrant(java.util.List<String> userIds, Instant expiresAt) {}
}
