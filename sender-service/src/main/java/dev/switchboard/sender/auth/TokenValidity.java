package dev.switchboard.sender.auth;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Until when the verifier would still accept a token it has just accepted: {@code exp} plus the allowed clock skew,
 * and no later than {@code iat} plus the maximum token age when one is configured. Everything else the verifier
 * checks (signature, issuer, audience, lifetime) cannot change with time, so a cached token is as good as a
 * verified one until this instant and no longer.
 *
 * @param expSkewSeconds what smallrye-jwt adds to {@code exp}: {@code smallrye.jwt.expiration.grace} when set,
 *                       otherwise {@code mp.jwt.verify.clock.skew} (60 s by default)
 * @param maxTokenAgeSeconds {@code mp.jwt.verify.token.age}, when configured
 */
record TokenValidity(long expSkewSeconds, Optional<Long> maxTokenAgeSeconds) {

    /** The same numbers the verifier works with, so the cache can never be more lenient than it. */
    static TokenValidity of(JWTAuthContextInfo verification) {
        int skew = verification.getExpGracePeriodSecs() > 0
                ? verification.getExpGracePeriodSecs()
                : Math.max(0, verification.getClockSkew());
        return new TokenValidity(skew, Optional.ofNullable(verification.getTokenAge()));
    }

    /** Exclusive: the verifier rejects a token once its clock reads {@code exp + skew}. */
    Instant validUntil(JsonWebToken token) {
        long until = token.getExpirationTime() + expSkewSeconds;
        if (maxTokenAgeSeconds.isPresent()) {
            // The verifier compares the age without skew; iat + age is the last second it accepts, ending there is
            // at most a second early.
            until = Math.min(until, token.getIssuedAtTime() + maxTokenAgeSeconds.get());
        }
        return Instant.ofEpochSecond(until);
    }
}
