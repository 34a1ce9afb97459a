package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.it.testing.ApiClient;
import dev.switchboard.it.testing.ClusterClients;
import dev.switchboard.it.testing.SharedCluster;
import dev.switchboard.it.testing.SocketClient;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.localstack.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Typing across two receivers: grants from the senders, watch frames, typing frames in on one receiver and events
 * out on the other; what a non-member can and cannot do.
 */
@ExtendWith(SharedCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypingAcrossInstancesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ApiClient api = new ApiClient();
    private SwitchboardCluster cluster;
    private ClusterClients clients;

    @BeforeAll
    void borrowCluster(SwitchboardCluster shared) {
        cluster = shared;
        clients = new ClusterClients(shared, api);
    }

    @AfterAll
    void close() {
        clients.close();
    }

    @Test
    void aliceTypingOnOneReceiverShowsForBobOnTheOtherUntilSheStopsOrItTimesOut() {
        String alice = "alice.ty1", bob = "bob.ty1";
        String chatId = chat(alice, bob);
        SocketClient alicesSocket = watching(alice, cluster.receiver(0), chatId);
        SocketClient bobsSocket = watching(bob, cluster.receiver(1), chatId);

        alicesSocket.send(typing(chatId, true));
        JsonNode started = await("bob sees alice typing")
                .atMost(TIMEOUT)
                .until(() -> latestTyping(bobsSocket, chatId), data -> data != null);
        assertEquals(alice, started.path("userId").asText());
        assertTrue(started.path("typing").asBoolean());
        Instant until = Instant.parse(started.path("until").asText());
        assertTrue(until.isAfter(Instant.now()) && until.isBefore(Instant.now().plusSeconds(7)), "timeout 6s");

        // Nothing renews it: once until has passed, a client shows alice as not typing (and no event says otherwise).
        await("the indicator's until passes")
                .atMost(TIMEOUT)
                .until(() -> Instant.now().isAfter(until));
        assertEquals(1, typingEvents(bobsSocket, chatId).size());

        await("a new interval")
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    alicesSocket.send(typing(chatId, true));
                    return typingEvents(bobsSocket, chatId).size() == 2;
                });
        alicesSocket.send(typing(chatId, false));
        JsonNode stopped = await("bob sees alice stop")
                .atMost(TIMEOUT)
                .until(
                        () -> latestTyping(bobsSocket, chatId),
                        data -> !data.path("typing").asBoolean());
        assertEquals(alice, stopped.path("userId").asText());
        assertTrue(typingEvents(alicesSocket, chatId).isEmpty(), "alice's own socket shows nothing");
    }

    @Test
    void aNonMemberCanNeitherGetAGrantNorWatchNorTypeNorSeeTyping() {
        String alice = "alice.ty2", bob = "bob.ty2", mallory = "mallory.ty2";
        String chatId = chat(alice, bob);
        SocketClient bobsSocket = watching(bob, cluster.receiver(1), chatId);
        SocketClient mallorysSocket = connect(mallory, cluster.receiver(0));

        assertEquals(
                404,
                api.get(cluster.sender(0), "/api/v1/chats/" + chatId + "/grant", token(mallory))
                        .status());
        String bobsGrant = grant(bob, chatId);
        mallorysSocket.send(watch(chatId, bobsGrant));
        mallorysSocket.send(typing(chatId, true));
        await("both refused").atMost(TIMEOUT).until(() -> errors(mallorysSocket, "forbidden") == 2);

        SocketClient alicesSocket = watching(alice, cluster.receiver(0), chatId);
        alicesSocket.send(typing(chatId, true));
        await("bob sees alice").atMost(TIMEOUT).until(() -> latestTyping(bobsSocket, chatId) != null);
        assertTrue(typingEvents(mallorysSocket, chatId).isEmpty(), "mallory saw nothing of the chat");
        assertEquals(
                List.of(alice),
                typingEvents(bobsSocket, chatId).stream()
                        .map(data -> data.path("userId").asText())
                        .toList());
    }

    @Test
    void typingLatencyFromFrameInToFrameOutAcrossReceivers() {
        String alice = "alice.ty3", bob = "bob.ty3";
        SocketClient alicesSocket = connect(alice, cluster.receiver(0));
        SocketClient bobsSocket = connect(bob, cluster.receiver(1));
        Histogram micros = new Histogram(3);
        for (int i = 0; i < 60; i++) {
            String chatId = chat(alice, bob);
            watch(alicesSocket, alice, chatId);
            watch(bobsSocket, bob, chatId);
            long sent = System.nanoTime();
            alicesSocket.send(typing(chatId, true));
            SocketClient.Frame frame = await().atMost(TIMEOUT)
                    .until(
                            () -> bobsSocket.events("typing").stream()
                                    .filter(f -> chatId.equals(
                                            f.json().path("chatId").asText()))
                                    .findFirst()
                                    .orElse(null),
                            f -> f != null);
            micros.recordValue(Math.max(0, (frame.arrivedAtNanos() - sent) / 1000));
            alicesSocket.send(unwatch(chatId));
            bobsSocket.send(unwatch(chatId));
        }
        System.out.printf(
                "typing across receivers, frame in to frame out, %d samples: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                micros.getTotalCount(),
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0);
        assertEquals(60, micros.getTotalCount());
    }

    private String chat(String creator, String member) {
        return api.createChat(cluster.sender(0), token(creator), "typing", List.of(member))
                .path("id")
                .asText();
    }

    private String grant(String userId, String chatId) {
        return api.get(cluster.sender(1), "/api/v1/chats/" + chatId + "/grant", token(userId))
                .expect(200)
                .path("grant")
                .asText();
    }

    private SocketClient watching(String userId, ServiceProcess receiver, String chatId) {
        SocketClient socket = connect(userId, receiver);
        watch(socket, userId, chatId);
        return socket;
    }

    private void watch(SocketClient socket, String userId, String chatId) {
        socket.send(watch(chatId, grant(userId, chatId)));
        await("watching " + chatId)
                .atMost(TIMEOUT)
                .until(() -> socket.frames().stream()
                        .anyMatch(f -> "watching".equals(f.json().path("type").asText())
                                && chatId.equals(f.json().path("chatId").asText())));
    }

    private static ObjectNode watch(String chatId, String grant) {
        return ApiClient.JSON
                .createObjectNode()
                .put("type", "watch")
                .put("chatId", chatId)
                .put("grant", grant);
    }

    private static ObjectNode unwatch(String chatId) {
        return ApiClient.JSON.createObjectNode().put("type", "unwatch").put("chatId", chatId);
    }

    private static ObjectNode typing(String chatId, boolean typing) {
        return ApiClient.JSON
                .createObjectNode()
                .put("type", "typing")
                .put("chatId", chatId)
                .put("typing", typing);
    }

    private static List<JsonNode> typingEvents(SocketClient socket, String chatId) {
        return socket.events("typing").stream()
                .filter(f -> chatId.equals(f.json().path("chatId").asText()))
                .map(f -> f.json().path("data"))
                .toList();
    }

    private static JsonNode latestTyping(SocketClient socket, String chatId) {
        List<JsonNode> events = typingEvents(socket, chatId);
        return events.isEmpty() ? null : events.getLast();
    }

    private static long errors(SocketClient socket, String code) {
        return socket.frames().stream()
                .filter(f -> "error".equals(f.json().path("type").asText())
                        && code.equals(f.json().path("code").asText()))
                .count();
    }

    private String token(String userId) {
        return clients.token(userId);
    }

    private SocketClient connect(String userId, ServiceProcess receiver) {
        return clients.connect(userId, receiver);
    }
}
