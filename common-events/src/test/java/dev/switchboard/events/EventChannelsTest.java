package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventChannelsTest {

    private static final Partitions SIXTY_FOUR = new Partitions(64);

    @Test
    void defaultPrefixNamesOneChannelPerEventTypeAndPartition() {
        EventChannels channels = new EventChannels(EventChannels.DEFAULT_PREFIX, SIXTY_FOUR);
        String tag = SIXTY_FOUR.tag(7);
        assertEquals("switchboard:messageAdded:{" + tag + "}", channels.channel(EventType.MESSAGE_ADDED, 7));
        assertEquals(
                "switchboard:unreadCountUpdated:{" + tag + "}", channels.channel(EventType.UNREAD_COUNT_UPDATED, 7));
        assertEquals(64 * EventType.values().length, channels.all().size());
        assertEquals(64 * EventType.values().length, new HashSet<>(channels.all()).size());
    }

    @Test
    void theChannelsOfAPartitionShareOneSlot() {
        EventChannels channels = new EventChannels(EventChannels.DEFAULT_PREFIX, SIXTY_FOUR);
        Set<Integer> slotsSeen = new HashSet<>();
        for (int p = 0; p < 64; p++) {
            Set<Integer> slots = new HashSet<>();
            channels.ofPartition(p).forEach(channel -> slots.add(HashSlots.slot(channel)));
            assertEquals(Set.of(SIXTY_FOUR.slot(p)), slots, "partition " + p);
            assertTrue(slotsSeen.add(SIXTY_FOUR.slot(p)), "two partitions share slot " + SIXTY_FOUR.slot(p));
        }
    }

    @Test
    void anEventOfAChatGoesOnItsPartitionsChannel() {
        EventChannels channels = new EventChannels(EventChannels.DEFAULT_PREFIX, SIXTY_FOUR);
        UUID chat = UUID.fromString("0190f3a4-5b6c-7d8e-9f00-112233445566");
        EventChannels.Route route = channels.routeOf(channels.channel(EventType.CHAT_UPDATED, chat));
        assertEquals(new EventChannels.Route(EventType.CHAT_UPDATED, SIXTY_FOUR.of(chat)), route);
    }

    @Test
    void customPrefixRoundTripsAndForeignChannelsAreUnknown() {
        EventChannels channels = new EventChannels("tenant-a.", new Partitions(4));
        for (int p = 0; p < 4; p++) {
            for (EventType type : EventType.values()) {
                assertEquals(new EventChannels.Route(type, p), channels.routeOf(channels.channel(type, p)));
            }
        }
        assertNull(channels.typeOf("switchboard:messageAdded"));
        assertNull(channels.typeOf("tenant-a.messageAdded"));
        assertNull(channels.typeOf(
                "tenant-a.somethingElse:{" + channels.partitions().tag(0) + "}"));
        assertEquals(
                "tenant-a.somethingNew:{" + channels.partitions().tag(2) + "}", channels.channel("somethingNew", 2));
        assertEquals("tenant-a.chatAdded", channels.family(EventType.CHAT_ADDED));
    }
}
