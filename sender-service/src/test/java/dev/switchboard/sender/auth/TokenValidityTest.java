package dev.switchboard.sender.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenValidityTest {

    private static final long IAT = 1_800_000_000L;
    private static final ClaimsToken HOUR_LONG = ClaimsToken.of("alice", IAT, IAT + 3600);

    @Test
    void aTokenIsValidUntilItsExpiryPlusTheClockSkew() {
        assertEquals(
                Instant.ofEpochSecond(IAT + 3600 + 60), new TokenValidity(60, Optional.empty()).validUntil(HOUR_LONG));
    }

    @Test
    void aMaximumTokenAgeEndsItEarlier() {
        assertEquals(Instant.ofEpochSecond(IAT + 600), new TokenValidity(60, Optional.of(600L)).validUntil(HOUR_LONG));
        assertEquals(
                Instant.ofEpochSecond(IAT + 3600 + 60),
                new TokenValidity(60, Optional.of(86_400L)).validUntil(HOUR_LONG));
    }

    @Test
    void takesTheVerifiersOwnNumbers() {
        JWTAuthContextInfo verification = new JWTAuthContextInfo();
        verification.setClockSkew(30);
        assertEquals(new TokenValidity(30, Optional.empty()), TokenValidity.of(verification));

        verification.setTokenAge(900L);
        assertEquals(new TokenValidity(30, Optional.of(900L)), TokenValidity.of(verification));

        // smallrye.jwt.expiration.grace replaces the skew for exp when it is set.
        verification.setExpGracePeriodSecs(5);
        assertEquals(new TokenValidity(5, Optional.of(900L)), TokenValidity.of(verification));
    }
}
