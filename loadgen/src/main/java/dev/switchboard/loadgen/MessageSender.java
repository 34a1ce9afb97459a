package dev.switchboard.loadgen;

import io.vertx.core.Context;
import java.util.List;

/**
 * Turns the schedule's due messages into sends: picks chat and author from the plan, stamps the content with the
 * intended time, and on the answer counts the outcome and tells the tracker which seq each member should get.
 */
final class MessageSender implements SendScheduler.Sink {

    private final String runId;
    private final ChatPlan plan;
    private final List<String> chatIds;
    private final List<String> tokens;
    private final SenderApi api;
    private final Context context;
    private final SendStats stats;
    private final DeliveryTracker tracker;
    private final LatencyHistogram sendLatency;
    private final long measureFromNanos;
    private final int messageBytes;

    /**
     * @param context   the HTTP client's event loop: sends are started there, not on the scheduler thread, so the
     *                  schedule never waits on the client
     * @param chatIds   server ids of the plan's chats, by plan index
     * @param tokens    bearer tokens by user index
     */
    MessageSender(
            String runId,
            ChatPlan plan,
            List<String> chatIds,
            List<String> tokens,
            SenderApi api,
            Context context,
            SendStats stats,
            DeliveryTracker tracker,
            LatencyHistogram sendLatency,
            long measureFromNanos,
            int messageBytes) {
        this.runId = runId;
        this.plan = plan;
        this.chatIds = chatIds;
        this.tokens = tokens;
        this.api = api;
        this.context = context;
        this.stats = stats;
        this.tracker = tracker;
        this.sendLatency = sendLatency;
        this.measureFromNanos = measureFromNanos;
        this.messageBytes = messageBytes;
    }

    @Override
    public void send(long n, long intendedNanos, Runnable done) {
        boolean measured = intendedNanos - measureFromNanos >= 0;
        ChatPlan.Target target = plan.target(n);
        String chatId = chatIds.get(target.chat().index());
        String token = tokens.get(target.author());
        String content = new MessageContent(runId, n, intendedNanos).encode(messageBytes);
        stats.sent(measured);
        context.runOnContext(v -> api.sendMessage(token, chatId, content, "lg-" + runId + "-" + n)
                .onComplete(ar -> {
                    long answeredNanos = System.nanoTime();
                    try {
                        if (ar.failed()) {
                            stats.failed(ar.cause());
                            return;
                        }
                        SenderApi.Answer answer = ar.result();
                        stats.answered(answer.status(), measured);
                        if (answer.ok()) {
                            SenderApi.SentMessage sent = SenderApi.sentMessage(answer);
                            tracker.acknowledged(sent.chatId(), sent.seq());
                            if (measured) {
                                sendLatency.recordSpan(intendedNanos, answeredNanos);
                            }
                        }
                    } catch (RuntimeException e) {
                        stats.failed(e); // a 2xx whose body we cannot read: the message cannot be tracked
                    } finally {
                        done.run();
                    }
                }));
    }

    @Override
    public void skipped(long n, long intendedNanos) {
        stats.skipped();
    }
}
