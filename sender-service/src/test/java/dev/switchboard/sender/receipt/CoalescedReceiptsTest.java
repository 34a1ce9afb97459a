package dev.switchboard.sender.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.ChatScene;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.EventLog;
import dev.switchboard.sender.testing.SceneTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A chat above switchboard.receipts.coalesce-above-members (32): one receipt event per interval (1 s), not one per mark. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class CoalescedReceiptsTest extends SceneTest {

    private static final int MEMBERS = 120;

    @Override
    protected ChatScene openScene() {
        return ChatScene.withUsers("owner");
    }

    @Test
    void everyMemberAcknowledgingPublishesAtMostOneEventPerIntervalCarryingEveryMovedMark() {
        String owner = scene.user("owner");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS - 1; i++) {
            members.add(Api.user("m" + i));
        }
        String chatId = Api.createChat(owner, members.toArray(String[]::new));
        long seq = Api.send(owner, chatId, "to everyone");

        long started = System.nanoTime();
        for (String member : members) {
            Api.as(member)
                    .body(Map.of("upToSeq", seq))
                    .post("/api/v1/chats/{id}/delivered", chatId)
                    .then()
                    .statusCode(200);
        }
        Awaitility.await()
                .atMost(EventLog.PROMPTLY)
                .pollDelay(Duration.ZERO)
                .until(() -> events.of(chatId, EventType.MESSAGE_DELIVERED_UPDATED).stream()
                        .anyMatch(event ->
                                events.data(event, EventData.Receipts.class).deliveredToAllSeq() == seq));
        double seconds = (System.nanoTime() - started) / 1e9;

        List<EventEnvelope> published = events.of(chatId, EventType.MESSAGE_DELIVERED_UPDATED);
        assertTrue(
                published.size() <= Math.ceil(seconds / 1.0) + 1,
                published.size() + " events for " + members.size() + " acknowledgements in " + seconds + " s");
        EventData.Receipts last = events.data(published.getLast(), EventData.Receipts.class);
        assertEquals(seq, last.deliveredToAllSeq(), "the owner's own message counts as delivered to them");
        Set<String> listed = new TreeSet<>();
        int omitted = 0;
        for (EventEnvelope event : published) {
            EventData.Receipts receipts = events.data(event, EventData.Receipts.class);
            receipts.marks().forEach(mark -> listed.add(mark.userId()));
            omitted += receipts.marksOmitted();
        }
        assertEquals(members.size(), listed.size() + omitted, "every acknowledgement listed or counted");
        assertEquals(MEMBERS, published.getLast().audience().userIds().size());
        for (int i = 1; i < published.size(); i++) {
            Duration apart = Duration.between(
                    published.get(i - 1).occurredAt(), published.get(i).occurredAt());
            assertTrue(apart.toMillis() >= 1000, "events of one chat at least an interval apart: " + apart);
        }
    }

    @Test
    void aCoalescedEventListsAtMostTheConfiguredMarksAndCountsTheRest() {
        String owner = scene.user("owner");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS - 1; i++) {
            members.add(Api.user("r" + i));
        }
        String chatId = Api.createChat(owner, members.toArray(String[]::new));
        long seq = Api.send(owner, chatId, "read me");
        for (String member : members) {
            Api.read(member, chatId, seq);
        }

        Awaitility.await()
                .atMost(EventLog.PROMPTLY)
                .pollDelay(Duration.ZERO)
                .until(() -> events.of(chatId, EventType.MESSAGE_DELIVERED_UPDATED).stream()
                        .anyMatch(event ->
                                events.data(event, EventData.Receipts.class).readByAllSeq() == seq));
        int listed = 0;
        int omitted = 0;
        for (EventEnvelope event : events.of(chatId, EventType.MESSAGE_DELIVERED_UPDATED)) {
            EventData.Receipts receipts = events.data(event, EventData.Receipts.class);
            assertTrue(receipts.marks().size() <= 50, "max-marks-per-event");
            listed += receipts.marks().size();
            omitted += receipts.marksOmitted();
        }
        assertEquals(members.size(), listed + omitted, "every moved mark listed or counted, once");
    }
}
