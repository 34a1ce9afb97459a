package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.it.testing.ApiClient;
import dev.switchboard.it.testing.SharedCluster;
import dev.switchboard.it.testing.SocketClient;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.localstack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery path across real processes: two senders, two receivers, one Redis, one PostgreSQL.
 */
@ExtendWith(SharedCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryAcrossInstancesTest {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private final ApiClient api = new ApiClient();
    private final List<SocketClient> sockets = new ArrayList<>();
    private SwitchboardCluster cluster;
    private final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    void borrowCluster(SwitchboardCluster shared) {
        cluster = shared;
    }

    @AfterAll
    void closeSockets() {
        sockets.forEach(SocketClient::close);
    }

    private String token(String userId) {
        return tokens.computeIfAbsent(userId, u -> api.devToken(cluster.sender(0), u));
    }

    private SocketClient connect(String userId, ServiceProcess receiver) {
        SocketClient socket = SocketClient.connect(userId, receiver, token(userId));
        sockets.add(socket);
        return socket;
    }

    /** One connection of the user on every receiver. */
    private List<SocketClient> connectEverywhere(String userId) {
        return cluster.receivers().stream().map(r -> connect(userId, r)).toList();
    }

    private String send(ServiceProcess sender, String userId, String chatId, String content) {
        return api.sendMessage(sender, token(userId), chatId, content)
                .expect(201)
                .path("id")
                .asText();
    }

    @Test
    @Order(1)
    void messageThroughEitherSenderReachesEveryMemberConnectionOnBothReceiversExactlyOnce() {
        String alice = "alice.t1", bob = "bob.t1", carol = "carol.t1";
        List<SocketClient> members = new ArrayList<>(connectEverywhere(alice));
        members.addAll(connectEverywhere(bob));
        List<SocketClient> outsider = connectEverywhere(carol);

        String chatId = api.createChat(cluster.sender(0), token(alice), "t1", List.of(bob))
                .path("id")
                .asText();
        String first = send(cluster.sender(0), alice, chatId, "through sender 1");
        String second = send(cluster.sender(1), bob, chatId, "through sender 2");
        // Per-chat order means that once the last message is in, any duplicate of the earlier ones is in too.
        String last = send(cluster.sender(0), alice, chatId, "closing");

        for (SocketClient socket : members) {
            await("last message at " + socket)
                    .atMost(DELIVERY_TIMEOUT)
                    .until(() -> socket.messagesOf(chatId).stream()
                            .anyMatch(m -> last.equals(m.path("id").asText())));
            List<String> ids = socket.messagesOf(chatId).stream()
                    .map(m -> m.path("id").asText())
                    .toList();
            assertEquals(List.of(first, second, last), ids, "messages at " + socket);
        }

        // A chat of carol's own, sent after the others: once it has reached her, anything meant for alice and bob
        // that wrongly went to her would have too (same channel, same order).
        String carolsChat = api.createChat(cluster.sender(1), token(carol), "t1-carol", List.of())
                .path("id")
                .asText();
        String carolsMessage = send(cluster.sender(1), carol, carolsChat, "only mine");
        for (SocketClient socket : outsider) {
            await("carol's own message at " + socket)
                    .atMost(DELIVERY_TIMEOUT)
                    .until(() -> socket.messagesOf(carolsChat).size() == 1);
            assertEquals(
                    carolsMessage,
                    socket.messagesOf(carolsChat).get(0).path("id").asText());
            assertTrue(
                    socket.allEvents().stream()
                            .allMatch(f ->
                                    carolsChat.equals(f.json().path("chatId").asText())),
                    "a non-member got an event of another chat: " + socket.allEvents());
        }
    }

    @Test
    @Order(2)
    void concurrentSendsThroughBothSendersArriveInStrictSeqOrderWithoutGapsOrDuplicates() throws Exception {
        String alice = "alice.t2", bob = "bob.t2";
        List<SocketClient> members = new ArrayList<>(connectEverywhere(alice));
        members.addAll(connectEverywhere(bob));
        String chatId = api.createChat(cluster.sender(0), token(alice), "t2", List.of(bob))
                .path("id")
                .asText();

        int count = 200;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServiceProcess sender = cluster.sender(i % 2);
                String author = i % 3 == 0 ? bob : alice;
                String content = "concurrent " + i;
                statuses.add(pool.submit(() ->
                        api.sendMessage(sender, token(author), chatId, content).status()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(201, status.get());
            }
        } finally {
            pool.shutdown();
        }

        List<Long> expected = LongStream.rangeClosed(1, count).boxed().toList();
        for (SocketClient socket : members) {
            await("all " + count + " messages at " + socket)
                    .atMost(DELIVERY_TIMEOUT)
                    .until(() -> socket.messagesOf(chatId).size() >= count);
            List<Long> seqs = socket.messagesOf(chatId).stream()
                    .map(m -> m.path("seq").asLong())
                    .toList();
            assertEquals(expected, seqs, "seq order at " + socket);
        }
    }

    /**
     * Not a timing assertion: measures the latency from the HTTP 201 to the WebSocket receipt over 1,000 messages and
     * writes the percentiles to target/latency-report.txt for docs. It asserts only that every message arrived.
     */
    @Test
    @Order(3)
    void latencyFromCreatedToReceiptIsReportedOverAThousandMessages() throws IOException {
        String alice = "alice.t3", bob = "bob.t3";
        SocketClient bobsSocket = connect(bob, cluster.receiver(1));
        String chatId = api.createChat(cluster.sender(0), token(alice), "t3", List.of(bob))
                .path("id")
                .asText();
        int warmup = 200, measured = 1000;
        Map<String, ApiClient.Answer> sent = new HashMap<>();
        for (int i = 0; i < warmup + measured; i++) {
            ApiClient.Answer answer = api.sendMessage(cluster.sender(i % 2), token(alice), chatId, "latency " + i);
            answer.expect(201);
            if (i >= warmup) {
                sent.put(answer.body().path("id").asText(), answer);
            }
        }
        await("all messages at bob")
                .atMost(DELIVERY_TIMEOUT)
                .until(() -> bobsSocket.messagesOf(chatId).size() >= warmup + measured);

        Map<String, SocketClient.Frame> received = bobsSocket.events("messageAdded").stream()
                .filter(f -> chatId.equals(f.json().path("chatId").asText()))
                .collect(Collectors.toMap(
                        f -> f.json().path("data").path("id").asText(), Function.identity(), (a, b) -> a));
        Histogram createdToReceipt = new Histogram(60_000_000L, 3);
        int receiptBeforeAnswer = 0;
        for (Map.Entry<String, ApiClient.Answer> entry : sent.entrySet()) {
            SocketClient.Frame frame = received.get(entry.getKey());
            assertTrue(frame != null, "message " + entry.getKey() + " never arrived");
            long micros = (frame.arrivedAtNanos() - entry.getValue().receivedAtNanos()) / 1000;
            if (micros < 0) {
                receiptBeforeAnswer++;
            }
            createdToReceipt.recordValue(Math.max(0, micros));
        }
        String report = String.format(
                "HTTP 201 -> WebSocket receipt over %d messages (sender and receiver on different instances, sequential sends):%n"
                        + "  p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %d receipts came before the 201 was read (counted as 0)%n",
                createdToReceipt.getTotalCount(),
                createdToReceipt.getValueAtPercentile(50) / 1000.0,
                createdToReceipt.getValueAtPercentile(90) / 1000.0,
                createdToReceipt.getValueAtPercentile(99) / 1000.0,
                createdToReceipt.getMaxValue() / 1000.0,
                receiptBeforeAnswer);
        System.out.print(report);
        Files.writeString(Path.of("target", "latency-report.txt"), report);
        assertEquals(measured, createdToReceipt.getTotalCount());
    }

    @Test
    @Order(4)
    void killingTheSenderRelayingAChatsPartitionLetsTheOtherSenderRelayItsLaterMessages() {
        String alice = "alice.t4", bob = "bob.t4";
        SocketClient alicesSocket = connect(alice, cluster.receiver(0));
        SocketClient bobsSocket = connect(bob, cluster.receiver(1));
        String chatId = api.createChat(cluster.sender(0), token(alice), "t4", List.of(bob))
                .path("id")
                .asText();

        await("both senders relay a fair share of the partitions")
                .atMost(DELIVERY_TIMEOUT)
                .until(() -> cluster.everyPartitionRelayedOnce(api)
                        && cluster.senders().stream()
                                .allMatch(s -> cluster.partitionsOf(api, s).size() >= 32));
        ServiceProcess leader = cluster.relayOf(api, chatId).orElseThrow();
        ServiceProcess survivor =
                cluster.senders().stream().filter(s -> s != leader).findFirst().orElseThrow();
        send(leader, alice, chatId, "before the kill");
        await().atMost(DELIVERY_TIMEOUT)
                .until(() -> bobsSocket.messagesOf(chatId).size() == 1);

        leader.kill();
        int afterKill = 20;
        for (int i = 0; i < afterKill; i++) {
            send(survivor, i % 2 == 0 ? alice : bob, chatId, "after the kill " + i);
        }

        List<Long> expected = LongStream.rangeClosed(1, afterKill + 1).boxed().toList();
        for (SocketClient socket : List.of(alicesSocket, bobsSocket)) {
            await("messages after the kill at " + socket)
                    .atMost(DELIVERY_TIMEOUT)
                    .until(() -> socket.messagesOf(chatId).size() >= afterKill + 1);
            assertEquals(
                    expected,
                    socket.messagesOf(chatId).stream()
                            .map(m -> m.path("seq").asLong())
                            .toList());
        }
        await("the survivor relays every partition")
                .atMost(DELIVERY_TIMEOUT)
                .until(() -> cluster.partitionsOf(api, survivor).size() == SwitchboardCluster.PARTITIONS.count());
        assertEquals(survivor, cluster.relayOf(api, chatId).orElseThrow());
        assertNotEquals(leader, survivor);
        JsonNode history = api.history(survivor, token(bob), chatId, 0, 200);
        assertEquals(afterKill + 1, history.path("messages").size());
        cluster.restartSender(leader);
    }
}
