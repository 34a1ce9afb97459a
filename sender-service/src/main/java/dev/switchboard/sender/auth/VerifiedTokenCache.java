package dev.switchboard.sender.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens that passed verification, keyed by the exact raw token string (so a token differing in one character,
 * a forged signature included, is simply not found). Bounded in size, and each entry expires at the earlier of
 * {@code max-age} after it was stored and the instant the token stops being valid: an entry never outlives its
 * token.
 */
final class VerifiedTokenCache {

    private record Entry(JsonWebToken token, long validUntilMillis) {}

    private final Cache<String, Entry> cache;
    private final Clock clock;

    VerifiedTokenCache(long maxSize, Duration maxAge) {
        this(maxSize, maxAge, Clock.systemUTC(), Ticker.systemTicker(), null);
    }

    /** {@code executor} null: Caffeine's default (the common pool) runs evictions; tests pass {@code Runnable::run}. */
    VerifiedTokenCache(long maxSize, Duration maxAge, Clock clock, Ticker ticker, Executor executor) {
        this.clock = clock;
        Caffeine<Object, Object> builder =
                Caffeine.newBuilder().maximumSize(maxSize).ticker(ticker);
        if (executor != null) {
            builder.executor(executor);
        }
        this.cache = builder.expireAfter(new UntilInvalid(TimeUnit.NANOSECONDS.convert(maxAge), clock))
                .build();
    }

    /** The verified token, or null when it is not held or no longer valid. */
    JsonWebToken get(String rawToken) {
        Entry entry = cache.getIfPresent(rawToken);
        if (entry == null) {
            return null;
        }
        // Caffeine expires on its own monotonic ticker; the token's validity is wall-clock time. Checking the wall
        // clock again keeps a clock step forward from serving a token the verifier would now refuse.
        if (clock.millis() >= entry.validUntilMillis()) {
            cache.asMap().remove(rawToken, entry);
            return null;
        }
        return entry.token();
    }

    /** Holds a token that has just been verified, until {@code validUntil} at the latest. */
    void put(String rawToken, JsonWebToken token, Instant validUntil) {
        cache.put(rawToken, new Entry(token, validUntil.toEpochMilli()));
    }

    long size() {
        return cache.estimatedSize();
    }

    /** Runs pending evictions now (tests, for exact sizes). */
    void cleanUp() {
        cache.cleanUp();
    }

    /** Per entry: the earlier of max-age and the token's own end of validity, counted from when it is written. */
    private record UntilInvalid(long maxAgeNanos, Clock clock) implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            long remainingMillis = entry.validUntilMillis() - clock.millis();
            if (remainingMillis <= 0) {
                return 0;
            }
            // TimeUnit saturates where Duration would overflow (a token valid for centuries).
            return Math.min(maxAgeNanos, TimeUnit.MILLISECONDS.toNanos(remainingMillis));
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
