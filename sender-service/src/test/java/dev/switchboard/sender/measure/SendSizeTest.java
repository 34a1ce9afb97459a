package dev.switchboard.sender.measure;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventChannels;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.RedisSubscription;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What one send costs in bytes: the envelopes it writes to the outbox (the relay PUBLISHes exactly these payloads,
 * each on its channel) for chats of 2, 100 and 1,000 members, contents of 200 B and 16 KiB, and member ids of 20
 * characters (like the load generator's) or random UUIDs (36 characters that compress badly). Writes
 * target/send-sizes.md; a 16 KiB send to 1,000 members of short ids must stay within 64 KiB.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class SendSizeTest {

    static final int[] MEMBERS = {2, 100, 1000};
    static final int[] CONTENT = {200, 16 * 1024};

    @Inject
    Vertx vertx;

    /** The bytes PUBLISHed for one send (payload plus channel name, per event), and the outbox payload bytes. */
    record Cost(String ids, int members, int contentBytes, int events, long outboxPayloadBytes, long publishedBytes) {}

    static List<Cost> measure(Vertx vertx) {
        List<Cost> costs = new ArrayList<>();
        EventChannels channels = RedisSubscription.CHANNELS;
        for (String ids : List.of("20 chars", "UUID"))
            for (int members : MEMBERS) {
                String creator = Api.user("sizer");
                String[] others = IntStream.range(1, members)
                        .mapToObj(i -> ids.equals("UUID")
                                ? java.util.UUID.randomUUID().toString()
                                : String.format("member-%06d-%s", i, creator.substring(creator.length() - 6)))
                        .toArray(String[]::new);
                String chatId = Api.createChat(creator, others);
                for (int bytes : CONTENT) {
                    try (RedisSubscription published =
                            RedisSubscription.subscribe(vertx, channels.all().toArray(String[]::new))) {
                        Api.send(creator, chatId, "x".repeat(bytes));
                        // A send publishes four events; the last is unreadCountUpdated.
                        await().atMost(Duration.ofSeconds(10))
                                .until(() -> published.received().stream()
                                                .filter(r -> r.payload().contains(chatId))
                                                .count()
                                        >= 4);
                        List<RedisSubscription.Received> mine = published.received().stream()
                                .filter(r -> r.payload().contains(chatId))
                                .toList();
                        long payload = mine.stream()
                                .mapToLong(r -> r.payload().getBytes(StandardCharsets.UTF_8).length)
                                .sum();
                        long wire = payload
                                + mine.stream()
                                        .mapToLong(r -> r.channel().getBytes(StandardCharsets.UTF_8).length)
                                        .sum();
                        costs.add(new Cost(ids, members, bytes, mine.size(), payload, wire));
                    }
                }
            }
        return costs;
    }

    @Test
    void measureWhatOneSendCostsInBytes() throws IOException {
        List<Cost> costs = measure(vertx);
        StringBuilder table = new StringBuilder(
                "| member ids | members | content | events | outbox payload bytes | bytes PUBLISHed |\n"
                        + "|---|---|---|---|---|---|\n");
        for (Cost c : costs) {
            table.append(String.format(
                    "| %s | %d | %d B | %d | %,d | %,d |%n",
                    c.ids(), c.members(), c.contentBytes(), c.events(), c.outboxPayloadBytes(), c.publishedBytes()));
        }
        Path report = Path.of("target", "send-sizes.md");
        Files.writeString(report, table.toString());
        System.out.println(table);
        Cost bigSend = costs.stream()
                .filter(c -> c.ids().equals("20 chars") && c.members() == 1000 && c.contentBytes() == 16 * 1024)
                .findFirst()
                .orElseThrow();
        assertTrue(bigSend.publishedBytes() <= 64 * 1024, table.toString());
        assertTrue(bigSend.outboxPayloadBytes() <= 64 * 1024, table.toString());
    }
}
