package dev.switchboard.sender.ratelimit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one place a request asks whether it may go: per user for every change, and per chat for sends. Checked in
 * Redis, shared by all senders ({@link RedisTokenBuckets}); when Redis does not answer within {@code redis-timeout},
 * by this instance alone ({@link LocalTokenBuckets}). A refusal fails the Uni with {@link RateLimitedException}
 * (429, Retry-After).
 * <p>
 * A chat's send bucket is only looked at before the send and taken from once the send committed
 * ({@link #sent}): a stranger to the chat, whose send fails as a 404, can never spend its members' allowance.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    private final RateLimitConfig config;
    private final RedisTokenBuckets shared;
    private final LocalTokenBuckets local;
    private final RateLimitMetrics metrics;

    public RateLimiter(
            RateLimitConfig config, RedisTokenBuckets shared, LocalTokenBuckets local, RateLimitMetrics metrics) {
        this.config = config;
        this.shared = shared;
        this.local = local;
        this.metrics = metrics;
    }

    /** Takes a token of the user's bucket for this operation, or fails. */
    public Uni<Void> admit(Action operation, String userId) {
        return check(List.of(new Check(operation, userId, operation.limit(config), true)));
    }

    /** A send: takes a token of the sender's bucket and looks whether the chat's has one. */
    public Uni<Void> admitSend(String userId, UUID chatId) {
        return check(List.of(
                new Check(Action.SEND, userId, Action.SEND.limit(config), true),
                new Check(Action.CHAT_SEND, chatId.toString(), Action.CHAT_SEND.limit(config), false)));
    }

    /** After a send committed: takes its token from the chat's bucket, without waiting for the answer. */
    public void sent(UUID chatId) {
        if (!config.enabled()) {
            return;
        }
        List<Check> take =
                List.of(new Check(Action.CHAT_SEND, chatId.toString(), Action.CHAT_SEND.limit(config), true));
        decide(take).subscribe().with(ignored -> {}, e -> LOG.debugf("taking a chat send token failed: %s", e));
    }

    private Uni<Void> check(List<Check> checks) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return decide(checks).map(waits -> {
            for (int i = 0; i < checks.size(); i++) {
                if (waits.get(i) > 0) {
                    Action operation = checks.get(i).operation();
                    metrics.refused(operation);
                    throw new RateLimitedException(operation, Duration.ofMillis(waits.get(i)));
                }
            }
            return null;
        });
    }

    private Uni<List<Long>> decide(List<Check> checks) {
        return shared.check(checks)
                .ifNoItem()
                .after(config.redisTimeout())
                .fail()
                .onFailure()
                .recoverWithItem(e -> {
                    metrics.decidedLocally();
                    LOG.debugf("rate limit decided locally (Redis: %s)", e.toString());
                    return local.check(checks);
                });
    }
}
