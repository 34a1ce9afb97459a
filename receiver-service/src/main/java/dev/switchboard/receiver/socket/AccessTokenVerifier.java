package dev.switchboard.receiver.socket;

import dev.switchboard.runtime.TokenPolicy;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Turns a bearer token into a user id and its expiry: RS256 signature, {@code iss}, {@code exp} and {@code aud} are
 * checked by smallrye-jwt with the {@code mp.jwt.verify.*} settings, {@code iat} and {@code typ} by {@link TokenPolicy}; the user id is {@code sub}, which must be a contract user id.
 * Created at startup so that a receiver without a verification key or issuer refuses to start instead of
 * refusing every client.
 */
@Startup
@ApplicationScoped
public class AccessTokenVerifier {

    private static final Logger LOG = Logger.getLogger(AccessTokenVerifier.class);
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final JWTParser parser;
    private final long clockSkewSeconds;

    /** A token that passed: whose it is, and until when (its {@code exp}; the clock skew is added where it is used). */
    public record VerifiedToken(String userId, Instant expiresAt) {}

    /** Reads smallrye-jwt's own settings (mp.jwt.verify.*) so that a receiver without key or issuer fails now. */
    @Inject
    public AccessTokenVerifier(JWTParser parser, JWTAuthContextInfo verification) {
        if (verification.getPublicKeyLocation() == null && verification.getPublicKeyContent() == null) {
            throw new IllegalStateException("no JWT verification key: set mp.jwt.verify.publickey.location "
                    + "(MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
        }
        if (verification.getIssuedBy() == null || verification.getIssuedBy().isBlank()) {
            throw new IllegalStateException("mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER) must be set");
        }
        this.parser = parser;
        this.clockSkewSeconds = Math.max(0, verification.getClockSkew());
    }

    /** What smallrye-jwt allows past {@code exp}; a socket is closed that long after its token expired. */
    public long clockSkewSeconds() {
        return clockSkewSeconds;
    }

    /**
     * Empty when the token is not valid (signature, issuer, expiry, audience, {@link TokenPolicy}) or names no
     * acceptable user; never says why to the caller.
     */
    public Optional<VerifiedToken> verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            String subject = jwt.getSubject();
            if (subject == null || !USER_ID.matcher(subject).matches()) {
                LOG.debug("token rejected: sub is not a user id");
                return Optional.empty();
            }
            Optional<String> refusal = TokenPolicy.refusal(jwt, clockSkewSeconds, Instant.now());
            if (refusal.isPresent()) {
                LOG.debugf("token rejected: %s", refusal.get());
                return Optional.empty();
            }
            return Optional.of(new VerifiedToken(subject, Instant.ofEpochSecond(jwt.getExpirationTime())));
        } catch (ParseException | RuntimeException e) {
            LOG.debugf("token rejected: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
