package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.it.testing.ApiClient;
import dev.switchboard.it.testing.ClusterClients;
import dev.switchboard.it.testing.SharedCluster;
import dev.switchboard.it.testing.SocketClient;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.localstack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivered and read ticks across two senders and two receivers: concurrent acknowledgements end in the right
 * ticks, and a 1,000-member chat's acknowledgements publish no more events than the coalescing rule allows
 * (switchboard.receipts.coalesce-interval 1 s, above 32 members).
 */
@ExtendWith(SharedCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiptsAcrossInstancesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ApiClient api = new ApiClient();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
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
        threads.shutdownNow();
    }

    @Test
    void oneToOneTicksAreRightAfterConcurrentAcknowledgementsThroughBothSenders() throws Exception {
        String alice = "alice.r1", bob = "bob.r1";
        SocketClient alicesSocket = connect(alice, cluster.receiver(0));
        connect(bob, cluster.receiver(1));
        String chatId = api.createChat(cluster.sender(0), token(alice), "r1", List.of(bob))
                .path("id")
                .asText();
        long last = 0;
        for (int i = 1; i <= 5; i++) {
            last = api.sendMessage(cluster.sender(i % 2), token(alice), chatId, "m" + i)
                    .expect(201)
                    .path("seq")
                    .asLong();
        }

        // Out of order and through both senders: the mark ends at the highest, never moving back.
        List<Future<?>> acks = new ArrayList<>();
        for (long seq : new long[] {3, 5, 1, 4, 2}) {
            ServiceProcess sender = cluster.sender((int) (seq % 2));
            acks.add(threads.submit(() -> post(sender, bob, chatId, "delivered", seq)));
        }
        acks.add(threads.submit(() -> post(cluster.sender(0), bob, chatId, "read", 2)));
        for (Future<?> ack : acks) {
            ack.get();
        }

        JsonNode receipts = api.get(cluster.sender(1), "/api/v1/chats/" + chatId + "/receipts", token(alice))
                .expect(200);
        assertEquals(last, receipts.path("deliveredToAllSeq").asLong(), "all five reached bob");
        assertEquals(2, receipts.path("readByAllSeq").asLong(), "bob read two");
        long finalLast = last;
        await("alice's socket shows bob's ticks")
                .atMost(TIMEOUT)
                .until(() -> latestReceipts(alicesSocket, chatId) != null
                        && latestReceipts(alicesSocket, chatId)
                                        .path("deliveredToAllSeq")
                                        .asLong()
                                == finalLast
                        && latestReceipts(alicesSocket, chatId)
                                        .path("readByAllSeq")
                                        .asLong()
                                == 2);
        JsonNode page = api.history(cluster.sender(0), token(alice), chatId, 0, 50);
        assertEquals(last, page.path("receipts").path("deliveredToAllSeq").asLong());
        assertEquals(2, page.path("receipts").path("readByAllSeq").asLong());
    }

    @Test
    void aFiftyMemberGroupsTicksAreRightAfterConcurrentAcknowledgementsAndReads() throws Exception {
        String owner = "owner.r2";
        List<String> members = users("m.r2.", 49);
        SocketClient ownersSocket = connect(owner, cluster.receiver(1));
        String chatId = api.createChat(cluster.sender(1), token(owner), "r2", members)
                .path("id")
                .asText();
        long seq = api.sendMessage(cluster.sender(0), token(owner), chatId, "to the group")
                .expect(201)
                .path("seq")
                .asLong();

        List<Future<?>> acks = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String member = members.get(i);
            ServiceProcess sender = cluster.sender(i % 2);
            acks.add(threads.submit(() -> post(sender, member, chatId, "delivered", seq)));
            acks.add(threads.submit(() -> post(cluster.sender(1), member, chatId, "read", seq)));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }

        await("the owner's socket shows delivered to all and read by all")
                .atMost(TIMEOUT)
                .until(() -> latestReceipts(ownersSocket, chatId) != null
                        && latestReceipts(ownersSocket, chatId)
                                        .path("deliveredToAllSeq")
                                        .asLong()
                                == seq
                        && latestReceipts(ownersSocket, chatId)
                                        .path("readByAllSeq")
                                        .asLong()
                                == seq);
        JsonNode receipts = api.get(cluster.sender(0), "/api/v1/chats/" + chatId + "/receipts", token(owner))
                .expect(200);
        assertEquals(seq, receipts.path("deliveredToAllSeq").asLong());
        assertEquals(seq, receipts.path("readByAllSeq").asLong());
    }

    @Test
    void aThousandAcknowledgementsInAThousandMemberChatPublishAtMostOneEventPerInterval() throws Exception {
        String owner = "owner.r3";
        List<String> members = users("m.r3.", 999);
        for (String member : members) {
            token(member); // tokens first: the acknowledgements below are all that is timed
        }
        SocketClient ownersSocket = connect(owner, cluster.receiver(0));
        SocketClient membersSocket = connect(members.getFirst(), cluster.receiver(1));
        String chatId = api.createChat(cluster.sender(0), token(owner), "r3", members)
                .path("id")
                .asText();
        long seq = api.sendMessage(cluster.sender(1), token(owner), chatId, "to a thousand")
                .expect(201)
                .path("seq")
                .asLong();

        long started = System.nanoTime();
        List<Future<?>> acks = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String member = members.get(i);
            ServiceProcess sender = cluster.sender(i % 2);
            acks.add(threads.submit(() -> post(sender, member, chatId, "delivered", seq)));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }
        await("delivered to all, seen on both receivers")
                .atMost(TIMEOUT)
                .until(() -> List.of(ownersSocket, membersSocket).stream().allMatch(socket -> {
                    JsonNode latest = latestReceipts(socket, chatId);
                    return latest != null && latest.path("deliveredToAllSeq").asLong() == seq;
                }));
        double seconds = (System.nanoTime() - started) / 1e9;

        List<JsonNode> events = receiptEvents(ownersSocket, chatId);
        long allowed = (long) Math.ceil(seconds / 1.0) + 1;
        System.out.printf(
                "1,000-member chat: 999 acknowledgements through 2 senders in %.2f s -> %d messageDeliveredUpdated"
                        + " events (at most %d allowed), %d frames to 1,000 members%n",
                seconds, events.size(), allowed, events.size() * 1000L);
        assertTrue(events.size() <= allowed, events.size() + " events in " + seconds + " s");
        assertEquals(events.size(), receiptEvents(membersSocket, chatId).size(), "the same events on both receivers");
        long accounted = events.stream()
                .mapToLong(e -> e.path("marks").size() + e.path("marksOmitted").asLong())
                .sum();
        assertEquals(members.size(), accounted, "every acknowledgement listed or counted once");
    }

    private List<String> users(String prefix, int count) {
        List<String> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(prefix + i);
        }
        return users;
    }

    private void post(ServiceProcess sender, String userId, String chatId, String mark, long seq) {
        api.post(sender, "/api/v1/chats/" + chatId + "/" + mark, token(userId), Map.of("upToSeq", seq), Map.of())
                .expect(200);
    }

    private static List<JsonNode> receiptEvents(SocketClient socket, String chatId) {
        return socket.events("messageDeliveredUpdated").stream()
                .map(frame -> frame.json().path("data"))
                .filter(data -> chatId.equals(data.path("chatId").asText()))
                .toList();
    }

    private static JsonNode latestReceipts(SocketClient socket, String chatId) {
        List<JsonNode> events = receiptEvents(socket, chatId);
        return events.isEmpty() ? null : events.getLast();
    }

    private String token(String userId) {
        return clients.token(userId);
    }

    private SocketClient connect(String userId, ServiceProcess receiver) {
        return clients.connect(userId, receiver);
    }
}
