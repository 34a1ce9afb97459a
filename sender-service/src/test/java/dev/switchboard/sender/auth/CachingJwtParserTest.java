package dev.switchboard.sender.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** What is cached and what is not, against a stand-in verifier that counts its calls. */
class CachingJwtParserTest {

    private static final TokenValidity SKEW_60 = new TokenValidity(60, Optional.empty());

    private final CountingVerifier verifier = new CountingVerifier();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private CachingJwtParser parser(boolean enabled) {
        VerifiedTokenCache cache = enabled ? new VerifiedTokenCache(100, Duration.ofMinutes(5)) : null;
        return new CachingJwtParser(verifier, SKEW_60, cache, registry);
    }

    @Test
    void aVerifiedTokenIsVerifiedOnlyOnce() throws ParseException {
        CachingJwtParser parser = parser(true);

        JsonWebToken first = parser.parse("good");
        JsonWebToken second = parser.parse("good");

        assertSame(first, second);
        assertEquals(1, verifier.calls);
        assertEquals(1, count("hit"));
        assertEquals(1, count("miss"));
        assertEquals(1, registry.get(CachingJwtParser.SIZE).gauge().value());
    }

    @Test
    void aFailedVerificationIsNeverCachedAndFailsEveryTime() {
        CachingJwtParser parser = parser(true);

        assertThrows(ParseException.class, () -> parser.parse("bad"));
        assertThrows(ParseException.class, () -> parser.parse("bad"));

        assertEquals(2, verifier.calls);
        assertEquals(0, count("hit"));
        assertEquals(0, registry.get(CachingJwtParser.SIZE).gauge().value());
    }

    @Test
    void offMeansEveryCallIsVerifiedAndNothingIsMetered() throws ParseException {
        CachingJwtParser parser = parser(false);

        parser.parse("good");
        parser.parse("good");

        assertEquals(2, verifier.calls);
        assertNull(registry.find(CachingJwtParser.REQUESTS).counter());
    }

    @Test
    void theOtherFormsAreNeverCached() throws ParseException {
        CachingJwtParser parser = parser(true);

        parser.parse("good", new JWTAuthContextInfo());
        parser.parse("good", new JWTAuthContextInfo());
        parser.parseOnly("good");
        parser.verify("good", "secret");

        assertEquals(4, verifier.calls);
        assertEquals(0, count("hit") + count("miss"));
    }

    private double count(String result) {
        return registry.get(CachingJwtParser.REQUESTS)
                .tag("result", result)
                .counter()
                .count();
    }

    /** "good" verifies (a token valid for an hour), anything else fails; every call is counted. */
    private static final class CountingVerifier implements JWTParser {

        int calls;

        private JsonWebToken verify(String token) throws ParseException {
            calls++;
            if (!"good".equals(token)) {
                throw new ParseException("bad signature");
            }
            long now = Instant.now().getEpochSecond();
            return ClaimsToken.of("alice", now, now + 3600);
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            return verify(token);
        }

        @Override
        public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
            return verify(token);
        }

        @Override
        public JsonWebToken verify(String token, PublicKey key) throws ParseException {
            return verify(token);
        }

        @Override
        public JsonWebToken verify(String token, SecretKey key) throws ParseException {
            return verify(token);
        }

        @Override
        public JsonWebToken verify(String token, String secret) throws ParseException {
            return verify(token);
        }

        @Override
        public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
            return verify(token);
        }

        @Override
        public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
            return verify(token);
        }

        @Override
        public JsonWebToken decrypt(String token, String secret) throws ParseException {
            return verify(token);
        }

        @Override
        public JsonWebToken parseOnly(String token) throws ParseException {
            return verify(token);
        }
    }
}
