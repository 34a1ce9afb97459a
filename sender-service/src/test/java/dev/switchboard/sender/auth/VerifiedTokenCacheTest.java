package dev.switchboard.sender.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final FakeTime time = new FakeTime(NOW);
    private final ClaimsToken alice = ClaimsToken.of("alice", NOW.getEpochSecond(), NOW.getEpochSecond() + 3600);

    private VerifiedTokenCache cache(long maxSize) {
        // Evictions on the calling thread, so that sizes are exact when a call returns.
        return new VerifiedTokenCache(maxSize, MAX_AGE, time, time, Runnable::run);
    }

    @Test
    void aHeldTokenIsFoundByItsExactText() {
        VerifiedTokenCache cache = cache(10);
        cache.put("aaa.bbb.ccc", alice, NOW.plusSeconds(3600));

        assertSame(alice, cache.get("aaa.bbb.ccc"));
        assertNull(cache.get("aaa.bbb.ccd"));
        assertNull(cache.get("aaa.bbb"));
    }

    @Test
    void anEntryEndsWithItsTokenWhenThatComesBeforeMaxAge() {
        VerifiedTokenCache cache = cache(10);
        cache.put("t", alice, NOW.plusSeconds(10));

        time.advance(Duration.ofMillis(9_999));
        assertSame(alice, cache.get("t"));
        time.advance(Duration.ofMillis(1));
        assertNull(cache.get("t"));
        cache.cleanUp();
        assertEquals(0, cache.size());
    }

    @Test
    void anEntryEndsAfterMaxAgeWhenTheTokenLivesLonger() {
        VerifiedTokenCache cache = cache(10);
        cache.put("t", alice, NOW.plus(Duration.ofHours(1)));

        time.advance(MAX_AGE.minusMillis(1));
        assertSame(alice, cache.get("t"));
        time.advance(Duration.ofMillis(1));
        assertNull(cache.get("t"));
    }

    @Test
    void readingAnEntryDoesNotExtendIt() {
        VerifiedTokenCache cache = cache(10);
        cache.put("t", alice, NOW.plusSeconds(10));

        for (int i = 0; i < 9; i++) {
            time.advance(Duration.ofSeconds(1));
            assertSame(alice, cache.get("t"));
        }
        time.advance(Duration.ofSeconds(1));
        assertNull(cache.get("t"));
    }

    @Test
    void aTokenAlreadyPastItsEndIsNeverServed() {
        VerifiedTokenCache cache = cache(10);
        cache.put("t", alice, NOW);
        assertNull(cache.get("t"));
        cache.put("u", alice, NOW.minusSeconds(1));
        assertNull(cache.get("u"));
    }

    @Test
    void aWallClockStepForwardEndsAnEntryCaffeineStillHolds() {
        VerifiedTokenCache cache = cache(10);
        cache.put("t", alice, NOW.plusSeconds(10));

        // Caffeine's ticker has not moved, but the verifier reads the wall clock: it would refuse the token now.
        time.stepWallClock(Duration.ofSeconds(10));
        assertNull(cache.get("t"));
    }

    @Test
    void neverHoldsMoreThanMaxSize() {
        VerifiedTokenCache cache = cache(3);
        IntStream.range(0, 50).forEach(i -> cache.put("token-" + i, alice, NOW.plusSeconds(3600)));
        cache.cleanUp();

        assertEquals(3, cache.size());
        long held = IntStream.range(0, 50)
                .filter(i -> cache.get("token-" + i) != null)
                .count();
        assertEquals(3, held);
    }

    @Test
    void storingTheSameTokenAgainRestartsItsMaxAgeButNotItsValidity() {
        VerifiedTokenCache cache = cache(10);
        cache.put("t", alice, NOW.plus(Duration.ofMinutes(7)));
        time.advance(Duration.ofMinutes(4));
        cache.put("t", alice, NOW.plus(Duration.ofMinutes(7)));

        time.advance(Duration.ofMinutes(2));
        assertSame(alice, cache.get("t"), "6 minutes after the first put, 2 after the second");
        time.advance(Duration.ofMinutes(1));
        assertNull(cache.get("t"), "the token's own end, before the second put's max-age");
    }
}
