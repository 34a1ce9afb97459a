package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.it.testing.ApiClient;
import dev.switchboard.it.testing.SharedCluster;
import dev.switchboard.it.testing.SocketClient;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.localstack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many users, chats with random memberships, messages through random senders, users on random receivers: every
 * connection gets exactly the events of the chats its user belongs to: no more, no fewer, no duplicates. The seed is
 * printed; {@code -Dswitchboard.seed=...} replays a run.
 */
@ExtendWith(SharedCluster.class)
class RandomizedIsolationTest {

    @Test
    void everyConnectionGetsExactlyTheEventsOfItsChats(SwitchboardCluster cluster) throws Exception {
        long seed = Long.getLong("switchboard.seed", System.nanoTime());
        System.out.println("RandomizedIsolationTest seed " + seed);
        Random random = new Random(seed);
        ApiClient api = new ApiClient();
        String prefix = "iso" + Long.toHexString(seed & 0xFFFFF);

        List<String> users = new ArrayList<>();
        Map<String, String> tokens = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            String user = prefix + ".u" + i;
            users.add(user);
            tokens.put(user, api.devToken(cluster.sender(i % 2), user));
        }
        List<SocketClient> sockets = new ArrayList<>();
        try {
            for (String user : users) {
                int connections = 1 + random.nextInt(2);
                for (int c = 0; c < connections; c++) {
                    sockets.add(SocketClient.connect(user, cluster.receiver(random.nextInt(2)), tokens.get(user)));
                }
            }

            Map<String, Set<String>> membersByChat = new HashMap<>();
            for (int i = 0; i < 12; i++) {
                List<String> shuffled = new ArrayList<>(users);
                Collections.shuffle(shuffled, random);
                List<String> members = shuffled.subList(0, 2 + random.nextInt(6));
                String creator = members.get(0);
                String chatId = api.createChat(
                                cluster.sender(random.nextInt(2)),
                                tokens.get(creator),
                                prefix + "-" + i,
                                members.subList(1, members.size()))
                        .path("id")
                        .asText();
                membersByChat.put(chatId, new HashSet<>(members));
            }

            List<String> chatIds = new ArrayList<>(membersByChat.keySet());
            Map<String, String> chatOfMessage = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> sends = new ArrayList<>();
                for (int i = 0; i < 150; i++) {
                    String chatId = chatIds.get(random.nextInt(chatIds.size()));
                    List<String> members = new ArrayList<>(membersByChat.get(chatId));
                    Collections.sort(members);
                    String author = members.get(random.nextInt(members.size()));
                    ServiceProcess sender = cluster.sender(random.nextInt(2));
                    String content = "random " + i;
                    sends.add(pool.submit(() -> chatOfMessage.put(
                            api.sendMessage(sender, tokens.get(author), chatId, content)
                                    .expect(201)
                                    .path("id")
                                    .asText(),
                            chatId)));
                }
                for (Future<?> send : sends) {
                    send.get();
                }
            } finally {
                pool.shutdown();
            }

            // A fence: a chat of everyone, sent after all the others committed. Once its message reached a
            // connection, every earlier messageAdded event has been routed on that connection's receiver.
            String fenceChat = api.createChat(
                            cluster.sender(0),
                            tokens.get(users.get(0)),
                            prefix + "-fence",
                            users.subList(1, users.size()))
                    .path("id")
                    .asText();
            api.sendMessage(cluster.sender(1), tokens.get(users.get(0)), fenceChat, "fence")
                    .expect(201);
            for (SocketClient socket : sockets) {
                await("fence at " + socket)
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> socket.messagesOf(fenceChat).size() == 1);
            }

            for (SocketClient socket : sockets) {
                Set<String> expected = new LinkedHashSet<>();
                chatOfMessage.forEach((messageId, chatId) -> {
                    if (membersByChat.get(chatId).contains(socket.userId())) {
                        expected.add(messageId);
                    }
                });
                List<String> received = socket.events("messageAdded").stream()
                        .map(f -> f.json().path("data"))
                        .filter(m -> !fenceChat.equals(m.path("chatId").asText()))
                        .map(m -> m.path("id").asText())
                        .toList();
                assertEquals(received.size(), new HashSet<>(received).size(), "duplicates at " + socket);
                assertEquals(expected, new HashSet<>(received), "messages at " + socket + " (seed " + seed + ")");
                for (SocketClient.Frame frame : socket.allEvents()) {
                    JsonNode event = frame.json();
                    String chatId = event.path("chatId").asText();
                    if (!fenceChat.equals(chatId) && membersByChat.containsKey(chatId)) {
                        assertTrue(
                                membersByChat.get(chatId).contains(socket.userId()),
                                socket + " got " + event.path("event").asText() + " of a chat it is not in (seed "
                                        + seed + ")");
                    }
                }
            }
        } finally {
            sockets.forEach(SocketClient::close);
        }
    }
}
