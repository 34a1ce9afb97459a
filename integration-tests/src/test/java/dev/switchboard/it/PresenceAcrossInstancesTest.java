package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence across receivers: online with a user's first connection anywhere, offline after the last closes, and
 * after their receiver is killed with kill -9 (within its ttl plus a sweep); followed only on a grant for users one
 * shares a chat with.
 */
@ExtendWith(SharedCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresenceAcrossInstancesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The killed receiver's settings: its users' entries expire 3 s after its last renewal. */
    private static final Map<String, String> SHORT_PRESENCE = Map.of(
            "SWITCHBOARD_PRESENCE_REFRESH_INTERVAL", "1s",
            "SWITCHBOARD_PRESENCE_TTL", "3s",
            "SWITCHBOARD_PRESENCE_SWEEP_INTERVAL", "500ms");

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
    void bobIsOnlineWithHisFirstSocketAnywhereAndOfflineAfterHisLastClosesOrHisReceiverIsKilled() {
        String alice = "alice.pr1", bob = "bob.pr1";
        api.createChat(cluster.sender(0), clients.token(alice), "presence", List.of(bob));
        SocketClient alicesSocket = clients.connect(alice, cluster.receiver(0));
        follow(alicesSocket, alice, bob);
        JsonNode now = await().atMost(TIMEOUT).until(() -> answer(alicesSocket), a -> a != null);
        assertFalse(now.path("users").get(0).path("online").asBoolean(), "bob has no socket yet");

        SocketClient bobsSocket = SocketClient.connect(bob, cluster.receiver(1), clients.token(bob));
        awaitPresence(alicesSocket, bob, 1, true);
        SocketClient bobsSecond = SocketClient.connect(bob, cluster.receiver(0), clients.token(bob));
        bobsSocket.close();
        bobsSecond.close();
        JsonNode offline = awaitPresence(alicesSocket, bob, 2, false);
        assertFalse(offline.path("lastSeenAt").isNull());

        ServiceProcess doomed = cluster.launchExtra("receiver", "receiver-doomed", SHORT_PRESENCE);
        try {
            doomed.awaitReady(Duration.ofSeconds(60));
            SocketClient.connect(bob, doomed, clients.token(bob));
            awaitPresence(alicesSocket, bob, 3, true);

            long killed = System.nanoTime();
            doomed.kill();
            awaitPresence(alicesSocket, bob, 4, false);
            double seconds = (System.nanoTime() - killed) / 1e9;
            System.out.printf(
                    "presence: bob offline %.2f s after kill -9 of his receiver (ttl 3 s, sweep 0.5-2 s)%n", seconds);
            assertTrue(seconds < 3 + 2 + 5, "within ttl plus a sweep (and slack for a busy box): " + seconds);
        } finally {
            doomed.kill();
        }
        assertEquals(4, presenceEvents(alicesSocket, bob).size(), "every change once, nothing else");
    }

    @Test
    void presenceIsOnlyForUsersOneSharesAChatWith() {
        String carol = "carol.pr2", dave = "dave.pr2", mallory = "mallory.pr2";
        api.createChat(cluster.sender(0), clients.token(carol), "presence", List.of(dave));
        ApiClient.Answer refused = api.post(
                cluster.sender(1),
                "/api/v1/presence/grant",
                clients.token(mallory),
                Map.of("userIds", List.of(carol, dave)),
                Map.of());
        assertEquals(403, refused.status(), String.valueOf(refused.body()));
        assertTrue(refused.body().path("detail").asText().contains(dave));

        SocketClient mallorysSocket = clients.connect(mallory, cluster.receiver(1));
        String carolsGrant = api.post(
                        cluster.sender(0),
                        "/api/v1/presence/grant",
                        clients.token(carol),
                        Map.of("userIds", List.of(dave)),
                        Map.of())
                .expect(200)
                .path("grant")
                .asText();
        mallorysSocket.send(frame(carolsGrant));
        await().atMost(TIMEOUT)
                .until(() -> mallorysSocket.frames().stream()
                        .anyMatch(f -> "forbidden".equals(f.json().path("code").asText())));
    }

    private void follow(SocketClient socket, String userId, String... users) {
        String grant = api.post(
                        cluster.sender(1),
                        "/api/v1/presence/grant",
                        clients.token(userId),
                        Map.of("userIds", List.of(users)),
                        Map.of())
                .expect(200)
                .path("grant")
                .asText();
        socket.send(frame(grant));
    }

    private static ObjectNode frame(String grant) {
        return ApiClient.JSON.createObjectNode().put("type", "presence").put("grant", grant);
    }

    private static JsonNode answer(SocketClient socket) {
        return socket.frames().stream()
                .map(SocketClient.Frame::json)
                .filter(f -> "presence".equals(f.path("type").asText()))
                .findFirst()
                .orElse(null);
    }

    private static List<JsonNode> presenceEvents(SocketClient socket, String userId) {
        return socket.events("presenceChanged").stream()
                .map(f -> f.json().path("data"))
                .filter(d -> userId.equals(d.path("userId").asText()))
                .toList();
    }

    /** Waits for the user's n-th presence event, which must say online or offline. */
    private static JsonNode awaitPresence(SocketClient socket, String userId, int nth, boolean online) {
        await("presence event " + nth + " of " + userId)
                .atMost(TIMEOUT)
                .until(() -> presenceEvents(socket, userId).size() >= nth);
        JsonNode event = presenceEvents(socket, userId).get(nth - 1);
        assertEquals(online, event.path("online").asBoolean(), event.toString());
        return event;
    }
}
