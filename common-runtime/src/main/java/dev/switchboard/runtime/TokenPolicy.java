package dev.switchboard.runtime;

import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a verified token must also be, beyond what smallrye-jwt checks (signature, {@code iss}, {@code exp},
 * {@code aud}): issued no later than now plus the clock skew, and, when it says what it is ({@code typ}, as Keycloak's
 * tokens do), an access token. Both services apply it to REST requests and WebSocket upgrades alike.
 */
public final class TokenPolicy {

    /** What Keycloak and other issuers put in the {@code typ} claim of access tokens (ID and refresh tokens differ). */
    static final String ACCESS_TOKEN_TYPE = "Bearer";

    private TokenPolicy() {}

    /** @return why the token is refused, or empty when it passes */
    public static Optional<String> refusal(JsonWebToken token, long clockSkewSeconds, Instant now) {
        long issuedAt = token.getIssuedAtTime();
        if (issuedAt > now.getEpochSecond() + clockSkewSeconds) {
            return Optional.of("iat is in the future");
        }
        Object type = token.getClaim("typ");
        if (type != null && !ACCESS_TOKEN_TYPE.equalsIgnoreCase(type.toString().replace("\"", ""))) {
            return Optional.of("typ is not an access token");
        }
        return Optional.empty();
    }
}
