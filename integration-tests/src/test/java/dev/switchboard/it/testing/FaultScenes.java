package dev.switchboard.it.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.localstack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The set-up and the verdict of a fault test: chats among a few users with sockets on the receivers, traffic through
 * every live sender, and at the end what each client holds after applying the documented client rules (pushes, then
 * history): the full contiguous seq range of each of its chats, each message once.
 */
public final class FaultScenes implements AutoCloseable {

    public static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);

    private final SwitchboardCluster cluster;
    private final ApiClient api = new ApiClient();
    private final Map<String, String> tokens = new HashMap<>();
    private final List<SocketClient> sockets = new ArrayList<>();

    /** Chats among users, the users' sockets; tokens ready for the traffic. */
    public record Scene(List<Traffic.ChatPlan> chats, List<SocketClient> sockets) {}

    public FaultScenes(SwitchboardCluster cluster) {
        this.cluster = cluster;
    }

    public ApiClient api() {
        return api;
    }

    public String token(String userId) {
        return tokens.computeIfAbsent(userId, u -> api.devToken(liveSender(), u));
    }

    public SocketClient connect(String userId, ServiceProcess receiver) {
        SocketClient socket = SocketClient.connect(userId, receiver, token(userId));
        sockets.add(socket);
        return socket;
    }

    /** Two chats among three users (a pair and a trio), the users' sockets spread over the first two receivers. */
    public Scene scene(String prefix) {
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

    /** A chat of two users, each with a socket on one of the given receivers, plus its plan. */
    public Scene pair(String prefix, ServiceProcess first, ServiceProcess second) {
        String a = prefix + ".a", b = prefix + ".b";
        String chat = api.createChat(liveSender(), token(a), prefix, List.of(b))
                .path("id")
                .asText();
        return new Scene(
                List.of(new Traffic.ChatPlan(chat, List.of(a, b))), List.of(connect(a, first), connect(b, second)));
    }

    /** Traffic through every live sender at this many sends per second, until closed. */
    public Traffic traffic(Scene scene, int perSecond) {
        return new Traffic(
                        api,
                        () -> cluster.senders().stream()
                                .filter(ServiceProcess::isAlive)
                                .toList(),
                        tokens,
                        scene.chats())
                .start(perSecond);
    }

    public void awaitMoreCreated(Traffic traffic, int more) {
        int target = traffic.created() + more;
        await("traffic to reach " + target + " messages")
                .atMost(RECOVERY_TIMEOUT)
                .until(() -> traffic.created() >= target);
    }

    /** Waits until the last message that got a 201 in each chat was pushed to every member socket. */
    public void awaitLastCreatedPushed(Scene scene, Traffic traffic, List<SocketClient> holders) {
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

    /**
     * Every socket's user, after applying pushes and history, holds 1..lastSeq of each chat it belongs to, where
     * lastSeq is the chat's seq now (which also covers sends whose answer was lost in a crash).
     */
    public void assertEveryClientCatchesUp(Scene scene, Traffic traffic, List<SocketClient> holders) {
        ServiceProcess sender = liveSender();
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

    /** Every message that got a 201 was pushed to every member socket (no resync needed to have it). */
    public void assertEveryCreatedMessagePushed(Scene scene, Traffic traffic) {
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
    }

    public boolean ready(ServiceProcess service) {
        return api.get(service, "/q/health/ready", null).status() == 200;
    }

    private ServiceProcess liveSender() {
        return cluster.senders().stream()
                .filter(ServiceProcess::isAlive)
                .findFirst()
                .orElseThrow();
    }

    /** Closes the sockets this helper opened. */
    @Override
    public void close() {
        sockets.forEach(SocketClient::close);
        sockets.clear();
    }
}
