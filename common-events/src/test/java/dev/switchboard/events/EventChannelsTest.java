package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EventChannelsTest {

    @Test
    void defaultPrefixNamesOneChannelPerEventType() {
        EventChannels channels = new EventChannels(EventChannels.DEFAULT_PREFIX);
        assertEquals("switchboard:messageAdded", channels.channel(EventType.MESSAGE_ADDED));
        assertEquals("switchboard:unreadCountUpdated", channels.channel(EventType.UNREAD_COUNT_UPDATED));
        assertEquals(EventType.values().length, channels.all().size());
        assertEquals(9, channels.all().stream().distinct().count());
    }

    @Test
    void customPrefixRoundTripsAndForeignChannelsAreUnknown() {
        EventChannels channels = new EventChannels("tenant-a.");
        for (EventType type : EventType.values()) {
            assertEquals(type, channels.typeOf(channels.channel(type)));
        }
        assertNull(channels.typeOf("switchboard:messageAdded"));
        assertNull(channels.typeOf("tenant-a.somethingElse"));
    }
}
