package dev.switchboard.loadgen;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code --feed redis}: the schedule's due messages published straight to Redis, one PUBLISH each, as a relay would
 * after the commit. Seqs are numbered here, per chat and in schedule order; all publishes go out in that order on one
 * connection from one event loop, so Redis sees each chat's messages in seq order, as it does from a relay. A publish
 * Redis answered is "acknowledged": every member connection should then receive it.
 */
final class RedisFeed implements SendScheduler.Sink, AutoCloseable {

    private final String runId;
    private final ChatPlan plan;
    private final List<UUID> chatIds;
    private final List<String> userIds;
    private final List<List<String>> membersByChat;
    private final FeedEncoding encoding;
    private final Redis client;
    private final RedisConnection connection;
    private final Context context;
    private final SendStats stats;
    private final DeliveryTracker tracker;
    private final LatencyHistogram publishLatency;
    private final long measureFromNanos;
    private final int messageBytes;
    private final AtomicLongArray seqs;

    /**
     * Connects to Redis (its client runs on {@code vertx}'s event loop, where every publish is started); fails the
     * run's set-up when Redis cannot be reached.
     */
    RedisFeed(
            Vertx vertx,
            URI redis,
            int maxInFlight,
            String runId,
            ChatPlan plan,
            List<UUID> chatIds,
            List<String> userIds,
            FeedEncoding encoding,
            SendStats stats,
            DeliveryTracker tracker,
            LatencyHistogram publishLatency,
            long measureFromNanos,
            int messageBytes) {
        this.runId = runId;
        this.plan = plan;
        this.chatIds = chatIds;
        this.userIds = userIds;
        this.encoding = encoding;
        this.stats = stats;
        this.tracker = tracker;
        this.publishLatency = publishLatency;
        this.measureFromNanos = measureFromNanos;
        this.messageBytes = messageBytes;
        this.seqs = new AtomicLongArray(chatIds.size());
        this.membersByChat = plan.chats().stream()
                .map(c -> c.members().stream().map(userIds::get).toList())
                .toList();
        this.context = vertx.getOrCreateContext();
        this.client = Redis.createClient(
                vertx,
                new RedisOptions()
                        .setConnectionString(redis.toString())
                        .setMaxWaitingHandlers(Math.max(2048, maxInFlight * 2)));
        this.connection =
                BoundedConcurrency.await(client.connect(), Duration.ofSeconds(10), "connecting to Redis at " + redis);
    }

    @Override
    public void send(long n, long intendedNanos, Runnable done) {
        boolean measured = intendedNanos - measureFromNanos >= 0;
        ChatPlan.Target target = plan.target(n);
        int chat = target.chat().index();
        UUID chatId = chatIds.get(chat);
        long seq = seqs.incrementAndGet(chat);
        FeedEncoding.Publication publication = encoding.messageAdded(new FeedEncoding.FeedMessage(
                chatId,
                membersByChat.get(chat),
                seq,
                userIds.get(target.author()),
                new MessageContent(runId, n, intendedNanos).encode(messageBytes),
                "lg-" + runId + "-" + n));
        stats.sent(measured);
        context.runOnContext(v -> connection
                .send(Request.cmd(Command.PUBLISH).arg(publication.channel()).arg(Buffer.buffer(publication.payload())))
                .onComplete(ar -> {
                    long answeredNanos = System.nanoTime();
                    try {
                        if (ar.failed()) {
                            stats.failed(ar.cause());
                            return;
                        }
                        stats.answered(200, measured);
                        tracker.acknowledged(chatId.toString(), seq);
                        if (measured) {
                            publishLatency.recordSpan(intendedNanos, answeredNanos);
                        }
                    } finally {
                        done.run();
                    }
                }));
    }

    @Override
    public void skipped(long n, long intendedNanos) {
        stats.skipped();
    }

    @Override
    public void close() {
        connection.close();
        client.close();
    }
}
