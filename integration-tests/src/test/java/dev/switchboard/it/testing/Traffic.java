package dev.switchboard.it.testing;

import dev.switchboard.localstack.ServiceProcess;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Steady message traffic during a fault: one send every few milliseconds, round-robin over the senders, into a set of
 * chats from their members. It records which messages were answered 201 (those must be delivered) and how every
 * other attempt ended, with its duration (a request during an outage must fail fast, not hang).
 */
public final class Traffic implements AutoCloseable {

    /** A send that did not get a 201: the HTTP status (0 when the connection failed) and how long it took. */
    public record Failure(int status, long millis) {}

    /** A chat and the members allowed to write to it. */
    public record ChatPlan(String chatId, List<String> members) {}

    private final ApiClient api;
    private final Supplier<List<ServiceProcess>> senders;
    private final Map<String, String> tokens;
    private final List<ChatPlan> chats;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final java.util.concurrent.ExecutorService workers = Executors.newFixedThreadPool(4);
    private final Map<String, ConcurrentSkipListSet<Long>> createdSeqs = new ConcurrentHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger tick = new AtomicInteger();
    private final Random random = new Random(42);

    public Traffic(
            ApiClient api, Supplier<List<ServiceProcess>> senders, Map<String, String> tokens, List<ChatPlan> chats) {
        this.api = api;
        this.senders = senders;
        this.tokens = tokens;
        this.chats = chats;
        chats.forEach(c -> createdSeqs.put(c.chatId(), new ConcurrentSkipListSet<>()));
    }

    public Traffic start(long periodMillis) {
        timer.scheduleAtFixedRate(() -> workers.submit(this::sendOne), 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    private void sendOne() {
        int n = tick.getAndIncrement();
        List<ServiceProcess> all = senders.get();
        ServiceProcess sender = all.get(n % all.size());
        ChatPlan chat;
        String author;
        synchronized (random) {
            chat = chats.get(random.nextInt(chats.size()));
            author = chat.members().get(random.nextInt(chat.members().size()));
        }
        long started = System.nanoTime();
        try {
            ApiClient.Answer answer = api.sendMessage(sender, tokens.get(author), chat.chatId(), "traffic " + n);
            if (answer.status() == 201) {
                createdSeqs.get(chat.chatId()).add(answer.body().path("seq").asLong());
                created.incrementAndGet();
            } else {
                failures.add(new Failure(answer.status(), (System.nanoTime() - started) / 1_000_000));
            }
        } catch (RuntimeException e) {
            failures.add(new Failure(0, (System.nanoTime() - started) / 1_000_000));
        }
    }

    public int created() {
        return created.get();
    }

    public List<Failure> failures() {
        return failures;
    }

    /** Seqs answered 201 in a chat. */
    public java.util.SortedSet<Long> createdSeqs(String chatId) {
        return createdSeqs.get(chatId);
    }

    /** Stops scheduling and waits for the sends in flight. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
