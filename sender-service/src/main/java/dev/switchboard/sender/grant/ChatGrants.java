package dev.switchboard.sender.grant;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs chat grants: a JWT (HS256, audience {@value #AUDIENCE}) saying that {@code sub} was a member of the chat in
 * claim {@value #CHAT_CLAIM} when it was issued, valid for {@code switchboard.grants.ttl}. Receivers verify it with
 * the same secret and let the connection watch the chat (typing). A member removed from the chat keeps a grant until
 * it expires: the bound on how long a leaver can still see typing.
 */
@ApplicationScoped
public class ChatGrants {

    public static final String AUDIENCE = "switchboard-grant";
    public static final String CHAT_CLAIM = "chatId";
    public static final String PRESENCE_CLAIM = "presenceOf";
    static final int MIN_SECRET_BYTES = 32;

    private final GrantConfig config;
    private volatile SecretKey key;

    public ChatGrants(GrantConfig config) {
        this.config = config;
    }

    void checkSecret(@Observes StartupEvent event) {
        config.secret().ifPresent(secret -> {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("switchboard.grants.secret must be at least " + MIN_SECRET_BYTES
                        + " bytes (it is " + bytes.length + ")");
            }
            key = new SecretKeySpec(bytes, "HmacSHA256");
        });
    }

    public boolean enabled() {
        return key != null;
    }

    /** A grant for a member of the chat (the caller checked membership). */
    public Grant issue(UUID chatId, String userId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(config.ttl());
        String token = Jwt.subject(userId)
                .audience(AUDIENCE)
                .claim(CHAT_CLAIM, chatId.toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .jws()
                .algorithm(SignatureAlgorithm.HS256)
                .sign(key);
        return new Grant(chatId, token, expiresAt);
    }

    /** A presence grant: the caller may follow these users (the caller checked they share a chat). */
    public PresenceGrant issuePresence(String userId, java.util.List<String> userIds) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(config.ttl());
        String token = Jwt.subject(userId)
                .audience(AUDIENCE)
                .claim(PRESENCE_CLAIM, userIds)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .jws()
                .algorithm(SignatureAlgorithm.HS256)
                .sign(key);
        return new PresenceGrant(userIds, token, expiresAt);
    }

    /** {@code {"userIds","grant","expiresAt"}}. */
    public record PresenceGrant(java.util.List<String> userIds, String grant, Instant expiresAt) {}

    /** {@code {"chatId","grant","expiresAt"}}. */
    public record Grant(UUID chatId, String grant, Instant expiresAt) {}
}
