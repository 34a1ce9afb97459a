package dev.switchboard.sender.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/** Rate-limit metrics (METRICS.md): refusals by operation, and checks decided without Redis. */
@ApplicationScoped
public class RateLimitMetrics {

    private final Map<Action, Counter> refused = new EnumMap<>(Action.class);
    private final Counter localDecisions;

    public RateLimitMetrics(MeterRegistry registry) {
        for (Action operation : Action.values()) {
            refused.put(
                    operation,
                    Counter.builder("switchboard.sender.rate.limited")
                            .tag("operation", operation.label())
                            .description("Requests answered 429 because a rate limit was reached, by operation")
                            .register(registry));
        }
        localDecisions = Counter.builder("switchboard.sender.rate.limit.local")
                .description("Limit checks decided by this instance's own buckets because Redis did not answer")
                .register(registry);
    }

    void refused(Action operation) {
        refused.get(operation).increment();
    }

    void decidedLocally() {
        localDecisions.increment();
    }
}
