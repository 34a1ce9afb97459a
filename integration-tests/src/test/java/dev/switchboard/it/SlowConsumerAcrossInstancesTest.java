package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.it.testing.ApiClient;
import dev.switchboard.it.testing.SharedCluster;
import dev.switchboard.it.testing.SocketClient;
import dev.switchboard.it.testing.StalledSocket;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.localstack.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedCluster.class)
class SlowConsumerAcrossInstancesTest {

    @Test
    void aClientThatStopsReadingIsClosedAsASlowConsumerWhileOthersGetEverything(SwitchboardCluster cluster)
            throws Exception {
        ApiClient api = new ApiClient();
        ServiceProcess sender = cluster.sender(0);
        ServiceProcess receiver = cluster.receiver(0);
        String fast = "fast.slow-test", slow = "slow.slow-test";
        String fastToken = api.devToken(sender, fast);
        String chatId = api.createChat(sender, fastToken, "slow", List.of(slow))
                .path("id")
                .asText();
        double closesBefore = slowConsumerCloses(api, receiver);
        int messages = 600;
        String content = "x".repeat(12 * 1024);
        try (SocketClient healthy = SocketClient.connect(fast, receiver, fastToken);
                StalledSocket stalled = new StalledSocket(receiver, api.devToken(sender, slow))) {
            for (int i = 0; i < messages; i++) {
                api.sendMessage(cluster.sender(i % 2), fastToken, chatId, content)
                        .expect(201);
            }
            await("every message at the healthy client")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> healthy.messagesOf(chatId).size() >= messages);
            assertEquals(
                    LongStream.rangeClosed(1, messages).boxed().toList(),
                    healthy.messagesOf(chatId).stream()
                            .map(m -> m.path("seq").asLong())
                            .toList());
            await("the receiver counts a slow-consumer close")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> slowConsumerCloses(api, receiver) > closesBefore);
            // The 1013 close frame queues behind the frames the client never read, so the client sees it only if the
            // frame fits before the receiver cuts the connection (switchboard.socket.close-timeout); either way the
            // connection ends.
            int closeCode = stalled.drainToCloseCode();
            assertTrue(closeCode == 1013 || closeCode == -1, "unexpected close code " + closeCode);
        }
    }

    private static double slowConsumerCloses(ApiClient api, ServiceProcess receiver) {
        String metrics = api.text(receiver, "/q/metrics");
        return metrics.lines()
                .filter(line -> line.startsWith("switchboard_receiver_slow_consumer_closes_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
