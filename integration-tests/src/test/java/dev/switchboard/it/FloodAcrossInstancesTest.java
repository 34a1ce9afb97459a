package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.it.testing.ApiClient;
import dev.switchboard.it.testing.SocketClient;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.localstack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flood of the hostile-load issue, through both senders and both receivers of a cluster with the default rate
 * limits (a cluster of its own: the shared one raises them for the other tests' traffic). One user makes as many
 * chats of 1,000 made-up members as it may and sends 16 KiB messages into them from 16 threads, as fast as it is
 * answered; meanwhile bystander pairs chat at a steady rate. Every bystander message arrives exactly once and in
 * order, and their delivery stays within a bound generous enough for a loaded CI machine (the measured figures are
 * the load generator's, docs/performance.md).
 */
class FloodAcrossInstancesTest {

    private static final int PAIRS = 6;
    private static final int MESSAGES_PER_PAIR = 40;
    private static final Duration GENEROUS = Duration.ofSeconds(3);

    private static SwitchboardCluster cluster;

    @BeforeAll
    static void clusterWithDefaultLimits() {
        cluster = SwitchboardCluster.start(2, 2, Map.of(), "flood-");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void bystandersKeepTheirDeliveryWhileOneUserFloodsBigChats() throws Exception {
        ApiClient api = new ApiClient();
        ServiceProcess first = cluster.sender(0);
        String abuserToken = api.devToken(first, "abuser.flood");
        List<String> floodChats = new ArrayList<>();
        int chatRefusals = 0;
        for (int k = 0; k < 40 && chatRefusals == 0; k++) {
            int chat = k;
            List<String> ghosts = IntStream.range(1, 1000)
                    .mapToObj(i -> "ghost-" + chat + "-" + i)
                    .toList();
            ApiClient.Answer made = api.post(
                    cluster.sender(k % 2),
                    "/api/v1/chats",
                    abuserToken,
                    Map.of("name", "flood " + k, "memberIds", ghosts),
                    Map.of());
            if (made.status() == 201) {
                floodChats.add(made.body().path("id").asText());
            } else {
                assertEquals(429, made.status(), "chat creation beyond the limit is refused: " + made.body());
                chatRefusals++;
            }
        }
        assertTrue(chatRefusals > 0, "the chat-creation limit stopped the abuser at " + floodChats.size() + " chats");

        List<SocketClient> sockets = new ArrayList<>();
        List<String> chats = new ArrayList<>();
        List<String> authorTokens = new ArrayList<>();
        List<SocketClient> readers = new ArrayList<>();
        for (int p = 0; p < PAIRS; p++) {
            String a = "a" + p + ".flood", b = "b" + p + ".flood";
            String aToken = api.devToken(first, a);
            String bToken = api.devToken(first, b);
            chats.add(api.createChat(first, aToken, "pair " + p, List.of(b))
                    .path("id")
                    .asText());
            authorTokens.add(aToken);
            SocketClient reader = SocketClient.connect(b, cluster.receiver(p % 2), bToken);
            readers.add(reader);
            sockets.add(reader);
        }

        AtomicBoolean flooding = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> floodAnswers = new ConcurrentHashMap<>();
        String bigContent = "x".repeat(16 * 1024);
        ExecutorService abuser = Executors.newVirtualThreadPerTaskExecutor();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            abuser.submit(() -> {
                for (int n = thread; flooding.get(); n += 16) {
                    ApiClient.Answer answer = api.sendMessage(
                            cluster.sender(n % 2), abuserToken, floodChats.get(n % floodChats.size()), bigContent);
                    floodAnswers
                            .computeIfAbsent(answer.status(), s -> new AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            });
        }

        Histogram latency = new Histogram(3);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        try {
            for (int m = 0; m < MESSAGES_PER_PAIR; m++) {
                for (int p = 0; p < PAIRS; p++) {
                    ApiClient.Answer answer = api.sendMessage(
                            cluster.sender((m + p) % 2), authorTokens.get(p), chats.get(p), "bystander " + m);
                    answer.expect(201);
                    sentAt.put(chats.get(p) + "/" + answer.body().path("seq").asLong(), System.nanoTime());
                }
                TimeUnit.MILLISECONDS.sleep(100); // the bystanders' steady pace, not a synchronisation
            }
            for (int p = 0; p < PAIRS; p++) {
                SocketClient reader = readers.get(p);
                String chatId = chats.get(p);
                await("every bystander message at " + reader.userId())
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> reader.messagesOf(chatId).size() >= MESSAGES_PER_PAIR);
                assertEquals(
                        LongStream.rangeClosed(1, MESSAGES_PER_PAIR).boxed().toList(),
                        reader.messagesOf(chatId).stream()
                                .map(message -> message.path("seq").asLong())
                                .toList(),
                        "exactly once, in order");
                for (SocketClient.Frame frame : reader.events("messageAdded")) {
                    Long sent = sentAt.get(
                            chatId + "/" + frame.json().path("data").path("seq").asLong());
                    if (sent != null) {
                        latency.recordValue(Math.max(0, frame.arrivedAtNanos() - sent) / 1000);
                    }
                }
            }
        } finally {
            flooding.set(false);
            abuser.shutdown();
            abuser.awaitTermination(30, TimeUnit.SECONDS);
            sockets.forEach(SocketClient::close);
        }

        System.out.printf(
                "flood: %d chats of 1,000 (then 429), abuser answers %s; bystanders p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                floodChats.size(),
                floodAnswers,
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0);
        assertTrue(floodAnswers.containsKey(429), "the abuser's sends were rate limited: " + floodAnswers);
        assertTrue(
                latency.getValueAtPercentile(99) < GENEROUS.toNanos() / 1000,
                "bystanders' p99 " + latency.getValueAtPercentile(99) / 1000.0 + " ms");
    }
}
