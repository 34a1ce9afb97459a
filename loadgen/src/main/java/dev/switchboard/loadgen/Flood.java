package dev.switchboard.loadgen;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The abusive user of the {@code flood} workload, on an HTTP client of its own (so that the generator itself does not
 * queue the bystanders' sends behind it). Its answers are counted, never judged: a 429 is the system defending
 * itself, not a problem of the run.
 */
final class Flood implements SendScheduler.Sink {

    /** What became of the flood, for result.json. */
    record Outcome(
            int chatsWanted,
            int chatsCreated,
            long chatRefusals,
            long sent,
            long accepted,
            Map<String, Long> refusedByStatus,
            long errors) {}

    private final FloodParameters p;
    private final String runId;
    private final SenderApi api;
    private final Vertx vertx;
    private final Context context;
    private final List<String> chatIds = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, Long> refused = new TreeMap<>();
    private long chatRefusals;
    private String firstRefusal;
    private String token;

    Flood(FloodParameters p, String runId, Vertx vertx, SenderApi api) {
        this.p = p;
        this.runId = runId;
        this.api = api;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    /**
     * A chat the system refuses to create (its chat-creation limit's 429, a 4xx) is what a flood measures: counted,
     * never retried. A lost connection or a 5xx says nothing about the limits: retried like the bystanders' set-up.
     */
    static Future<String> refusalIsFinal(Throwable failure) {
        if (failure instanceof SenderApi.Refusal refusal && refusal.status() == 429) {
            return Future.failedFuture(new BoundedConcurrency.PermanentFailure(failure.getMessage()));
        }
        return Future.failedFuture(failure);
    }

    /** The abuser's user id: never one of the bystanders. */
    String abuser() {
        return "lg-" + runId + "-abuser";
    }

    /**
     * Creates the flood's chats, as many as the system lets it (a refusal stops nothing, it is counted).
     *
     * @throws SetupException when not even one chat could be made
     */
    void prepare(String abuserToken, PrintStream out) {
        this.token = abuserToken;
        for (int k = 0; k < p.chats(); k++) {
            int chat = k;
            List<String> members = IntStream.range(1, p.members())
                    .mapToObj(i -> "lg-" + runId + "-g" + chat + "-" + i)
                    .toList();
            String name = "flood " + runId + " #" + k;
            try {
                chatIds.add(BoundedConcurrency.await(
                        BoundedConcurrency.retrying(
                                vertx,
                                () -> api.createChat(token, name, members).recover(Flood::refusalIsFinal),
                                BoundedConcurrency.ATTEMPTS,
                                BoundedConcurrency.FIRST_BACKOFF_MILLIS),
                        Duration.ofSeconds(30),
                        "creating flood chat " + k));
            } catch (SetupException refusedOrFailed) {
                chatRefusals++;
                if (firstRefusal == null) {
                    firstRefusal = refusedOrFailed.getMessage();
                }
            }
        }
        if (chatIds.isEmpty()) {
            throw new SetupException("the flood could not create a single chat (" + chatRefusals + " refused)", null);
        }
        out.printf(
                Locale.ROOT,
                "flood        %d of %d chats of %d members made by %s (%d refused%s); %.0f sends/s of %d bytes into %d%n",
                chatIds.size(),
                p.chats(),
                p.members(),
                abuser(),
                chatRefusals,
                firstRefusal == null ? "" : ", first: " + firstRefusal,
                p.rate(),
                p.bytes(),
                Math.min(p.targets(), chatIds.size()));
    }

    @Override
    public void send(long n, long intendedNanos, Runnable done) {
        String chatId = chatIds.get((int) (n % Math.min(p.targets(), chatIds.size())));
        String content = "flood|" + n + "|" + "x".repeat(Math.max(0, p.bytes() - 20));
        sent.incrementAndGet();
        context.runOnContext(v -> {
            Future<SenderApi.Answer> answer = api.sendMessage(token, chatId, content, "flood-" + runId + "-" + n);
            answer.onComplete(ar -> {
                try {
                    if (ar.failed()) {
                        errors.incrementAndGet();
                    } else if (ar.result().ok()) {
                        accepted.incrementAndGet();
                    } else {
                        synchronized (refused) {
                            refused.merge(Integer.toString(ar.result().status()), 1L, Long::sum);
                        }
                    }
                } finally {
                    done.run();
                }
            });
        });
    }

    @Override
    public void skipped(long n, long intendedNanos) {
        // The abuser's own client is the bottleneck: fewer flood sends, nothing to judge.
    }

    Outcome outcome() {
        synchronized (refused) {
            return new Outcome(
                    p.chats(),
                    chatIds.size(),
                    chatRefusals,
                    sent.get(),
                    accepted.get(),
                    Map.copyOf(refused),
                    errors.get());
        }
    }
}
