package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.it.testing.ApiClient;
import dev.switchboard.it.testing.ClientReplica;
import dev.switchboard.it.testing.SharedCluster;
import dev.switchboard.it.testing.SocketClient;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.it.testing.Traffic;
import dev.switchboard.localstack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults injected into the running cluster while traffic flows. Each test ends with what a client holds after it
 * applied {@code resync} and history: the full contiguous seq range of each of its chats, each message once, with
 * every process recovered by itself.
 */
@ExtendWith(SharedCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureRecoveryTest {

    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ApiClient api = new ApiClient();
    private final Map<String, String> tokens = new HashMap<>();
    private final List<SocketClient> sockets = new ArrayList<>();
    private SwitchboardCluster cluster;

    @BeforeAll
    void borrowCluster(SwitchboardCluster shared) {
        cluster = shared;
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(SocketClient::close);
        sockets.clear();
    }

    private String token(String userId) {
        return tokens.computeIfAbsent(userId, u -> api.devToken(cluster.sender(0), u));
    }

    private SocketClient connect(String userId, ServiceProcess receiver) {
        SocketClient socket = SocketClient.connect(userId, receiver, token(userId));
        sockets.add(socket);
        return socket;
    }

    /** Two chats among three users, each user connected to a receiver; tokens ready for the traffic. */
    private record Scene(List<Traffic.ChatPlan> chats, List<SocketClient> sockets) {}

    private Scene scene(String prefix) {
        String a = prefix + ".a", b = prefix + ".b", c = prefix + ".c";
        String pair = api.createChat(cluster.sender(0), token(a), prefix + "-pair", List.of(b))
                .path("id")
                .asText();
        String trio = api.createChat(cluster.sender(1), token(c), prefix + "-trio", List.of(a, b))
                .path("id")
                .asText();
        List<SocketClient> connected = List.of(
                connect(a, cluster.receiver(0)), connect(a, cluster.receiver(1)),
                connect(b, cluster.receiver(0)), connect(c, cluster.receiver(1)));
        return new Scene(
                List.of(new Traffic.ChatPlan(pair, List.of(a, b)), new Traffic.ChatPlan(trio, List.of(a, b, c))),
                connected);
    }

    private Traffic traffic(Scene scene) {
        return new Traffic(
                        api,
                        () -> cluster.senders().stream()
                                .filter(ServiceProcess::isAlive)
                                .toList(),
                        tokens,
                        scene.chats())
                .start(15);
    }

    private void awaitMoreCreated(Traffic traffic, int more) {
        int target = traffic.created() + more;
        await("traffic to reach " + target + " messages")
                .atMost(RECOVERY_TIMEOUT)
                .until(() -> traffic.created() >= target);
    }

    /**
     * Every socket's user, after applying pushes and history, holds 1..lastSeq of each chat it belongs to, where
     * lastSeq is the chat's seq now (which also covers sends whose answer was lost in a crash).
     */
    private void assertEveryClientCatchesUp(Scene scene, Traffic traffic, List<SocketClient> holders) {
        ServiceProcess sender = cluster.senders().stream()
                .filter(ServiceProcess::isAlive)
                .findFirst()
                .orElseThrow();
        for (Traffic.ChatPlan chat : scene.chats()) {
            long lastSeq = api.get(
                            sender,
                            "/api/v1/chats/" + chat.chatId(),
                            token(chat.members().get(0)))
                    .expect(200)
                    .path("lastSeq")
                    .asLong();
            assertTrue(traffic.createdSeqs(chat.chatId()).isEmpty()
                    || traffic.createdSeqs(chat.chatId()).last() <= lastSeq);
            for (SocketClient socket : holders) {
                if (!chat.members().contains(socket.userId())) {
                    continue;
                }
                ClientReplica replica = new ClientReplica();
                replica.add(socket.messagesOf(chat.chatId()));
                replica.catchUp(api, sender, token(socket.userId()), chat.chatId());
                assertTrue(
                        replica.holdsExactly(lastSeq),
                        socket + " holds " + replica.view().keySet() + " of chat " + chat.chatId() + ", expected 1.."
                                + lastSeq);
            }
        }
    }

    /** Waits until the last message that got a 201 in each chat was pushed to every member socket. */
    private void awaitLastCreatedPushed(Scene scene, Traffic traffic, List<SocketClient> holders) {
        for (Traffic.ChatPlan chat : scene.chats()) {
            if (traffic.createdSeqs(chat.chatId()).isEmpty()) {
                continue;
            }
            long last = traffic.createdSeqs(chat.chatId()).last();
            for (SocketClient socket : holders) {
                if (chat.members().contains(socket.userId())) {
                    await("seq " + last + " pushed to " + socket)
                            .atMost(RECOVERY_TIMEOUT)
                            .until(() -> socket.messagesOf(chat.chatId()).stream()
                                    .anyMatch(m -> m.path("seq").asLong() == last));
                }
            }
        }
    }

    private boolean ready(ServiceProcess service) {
        return api.get(service, "/q/health/ready", null).status() == 200;
    }

    @Test
    @Order(1)
    void redisStoppedAndRestartedMidTrafficLosesNothingAndClientsAreToldToResync() {
        Scene scene = scene("redis");
        List<Long> pids = pids();
        Traffic traffic = traffic(scene);
        try {
            awaitMoreCreated(traffic, 20);
            cluster.redis().stop();
            for (ServiceProcess receiver : cluster.receivers()) {
                await(receiver.name() + " not ready without Redis")
                        .atMost(RECOVERY_TIMEOUT)
                        .until(() -> !ready(receiver));
            }
            // Senders keep committing while Redis is away: the outbox holds the events.
            awaitMoreCreated(traffic, 20);
            cluster.redis().start();
            cluster.awaitAllReady(READY_TIMEOUT);
            for (SocketClient socket : scene.sockets()) {
                await("resync at " + socket).atMost(RECOVERY_TIMEOUT).until(() -> socket.count("resync") >= 1);
            }
            awaitMoreCreated(traffic, 20);
        } finally {
            traffic.close();
        }
        awaitLastCreatedPushed(scene, traffic, scene.sockets());
        assertEveryClientCatchesUp(scene, traffic, scene.sockets());
        assertEquals(pids, pids(), "no process was restarted");
    }

    @Test
    @Order(2)
    void killingASenderThatRelaysPartitionsMidTrafficStillDeliversEveryCreatedMessage() {
        Scene scene = scene("relaykill");
        await("every partition relayed").atMost(RECOVERY_TIMEOUT).until(() -> cluster.everyPartitionRelayedOnce(api));
        ServiceProcess leader =
                cluster.relayOf(api, scene.chats().getFirst().chatId()).orElseThrow();
        Traffic traffic = traffic(scene);
        try {
            awaitMoreCreated(traffic, 30);
            leader.kill();
            awaitMoreCreated(traffic, 30);
        } finally {
            traffic.close();
        }
        // No Redis outage here, so no resync: the survivor's relay must push everything, including whatever the
        // dead sender's relay had read but not yet published.
        awaitLastCreatedPushed(scene, traffic, scene.sockets());
        for (Traffic.ChatPlan chat : scene.chats()) {
            for (SocketClient socket : scene.sockets()) {
                if (chat.members().contains(socket.userId())) {
                    ClientReplica pushed = new ClientReplica();
                    pushed.add(socket.messagesOf(chat.chatId()));
                    assertTrue(
                            pushed.view().keySet().containsAll(traffic.createdSeqs(chat.chatId())),
                            socket + " was pushed " + pushed.view().keySet() + " but 201s were "
                                    + traffic.createdSeqs(chat.chatId()));
                }
            }
        }
        assertEveryClientCatchesUp(scene, traffic, scene.sockets());
        cluster.restartSender(leader);
    }

    @Test
    @Order(3)
    void killingAReceiverMovesItsClientsToAnotherThatCatchUpByHistory() {
        Scene scene = scene("receiverkill");
        ServiceProcess victim = cluster.receiver(0);
        ServiceProcess survivor = cluster.receiver(1);
        Traffic traffic = traffic(scene);
        List<SocketClient> holders = new ArrayList<>(scene.sockets());
        try {
            awaitMoreCreated(traffic, 20);
            victim.kill();
            for (SocketClient socket : scene.sockets()) {
                if (socket.receiverName().equals(victim.name())) {
                    await("close noticed by " + socket)
                            .atMost(RECOVERY_TIMEOUT)
                            .until(() -> socket.closeCode() != null);
                    // The client reconnects elsewhere and keeps what it already had: the old socket's messages
                    // stay in its replica below, the new socket's are added.
                    holders.add(connect(socket.userId(), survivor));
                }
            }
            awaitMoreCreated(traffic, 20);
        } finally {
            traffic.close();
        }
        awaitLastCreatedPushed(
                scene,
                traffic,
                holders.stream().filter(s -> s.closeCode() == null).toList());
        assertEveryClientCatchesUp(scene, traffic, holders);
        cluster.restartReceiver(victim);
    }

    @Test
    @Order(4)
    void postgresStoppedAndStartedGivesFast503sAndEverythingRecoversByItself() {
        Scene scene = scene("postgres");
        List<Long> pids = pids();
        Traffic traffic = traffic(scene);
        try {
            awaitMoreCreated(traffic, 20);
            int failuresBefore = traffic.failures().size();
            cluster.database().stop();
            await("sends failing while PostgreSQL is down")
                    .atMost(RECOVERY_TIMEOUT)
                    .until(() -> traffic.failures().size() >= failuresBefore + 10);
            cluster.database().start();
            awaitMoreCreated(traffic, 30);
        } finally {
            traffic.close();
        }
        for (Traffic.Failure failure : traffic.failures()) {
            assertEquals(503, failure.status(), "a send during the outage answered " + failure);
            assertTrue(failure.millis() < 10_000, "a send during the outage hung for " + failure.millis() + " ms");
        }
        awaitLastCreatedPushed(scene, traffic, scene.sockets());
        assertEveryClientCatchesUp(scene, traffic, scene.sockets());
        cluster.awaitAllReady(READY_TIMEOUT);
        assertEquals(pids, pids(), "no process was restarted");
    }

    private List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        cluster.senders().forEach(s -> pids.add(s.pid()));
        cluster.receivers().forEach(r -> pids.add(r.pid()));
        return pids;
    }
}
