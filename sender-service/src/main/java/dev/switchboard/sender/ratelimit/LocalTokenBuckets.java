package dev.switchboard.sender.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fallback when Redis does not answer a check in time: buckets of this instance only (Bucket4j), so requests
 * go on being served, as docs/guarantees.md promises for a Redis outage, with each sender allowing the full rate by
 * itself meanwhile. Bounded: at most {@code local-max-buckets}, the least recently used dropped first (a dropped
 * bucket starts full again, which only errs on the side of letting a request through).
 */
@ApplicationScoped
public class LocalTokenBuckets {

    private final Cache<String, Bucket> buckets;

    public LocalTokenBuckets(RateLimitConfig config) {
        this.buckets = Caffeine.newBuilder()
                .maximumSize(config.localMaxBuckets())
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    /** The same answer as {@link RedisTokenBuckets#check}: per check, 0 or milliseconds to wait. */
    List<Long> check(List<Check> checks) {
        List<Long> waits = new ArrayList<>(checks.size());
        for (Check check : checks) {
            Bucket bucket = buckets.get(check.key(""), key -> newBucket(check.limit()));
            if (check.take()) {
                var probe = bucket.tryConsumeAndReturnRemaining(1);
                waits.add(probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill() / 1_000_000));
            } else {
                EstimationProbe estimate = bucket.estimateAbilityToConsume(1);
                waits.add(estimate.canBeConsumed() ? 0 : Math.max(1, estimate.getNanosToWaitForRefill() / 1_000_000));
            }
        }
        return waits;
    }

    private static Bucket newBucket(Limit limit) {
        return Bucket.builder()
                .addLimit(l -> l.capacity(limit.burst()).refillGreedy(limit.perMinute(), Duration.ofMinutes(1)))
                .build();
    }
}
