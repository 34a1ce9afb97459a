package dev.switchboard.loadgen;

import dev.switchboard.events.Audience;
import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Message;
import dev.switchboard.events.TimeOrderedIds;
import java.time.Instant;

/**
 * A {@code messageAdded} exactly as a sender's relay publishes it: the contract's envelope, encoded by the contract's
 * codec (so a big chat's audience is packed as it is in production), on its type's channel of the chat's partition.
 */
final class SwitchboardFeedEncoding implements FeedEncoding {

    private final EventChannels channels;
    private final EventCodec codec;

    SwitchboardFeedEncoding(EventChannels channels, EventCodec codec) {
        this.channels = channels;
        this.codec = codec;
    }

    @Override
    public Publication messageAdded(FeedMessage m) {
        Instant now = Instant.now();
        Message message = message(m, now);
        return new Publication(
                channels.channel(EventType.MESSAGE_ADDED, m.chatId()),
                codec.encodeToBytes(
                        codec.envelope(EventType.MESSAGE_ADDED, m.chatId(), now, Audience.of(m.memberIds()), message)));
    }

    /** The message as clients see it; the Socket.IO feed sends the same object. */
    static Message message(FeedMessage m, Instant createdAt) {
        return new Message(
                TimeOrderedIds.next(),
                m.chatId(),
                m.seq(),
                m.senderId(),
                m.content(),
                "text",
                m.clientMessageId(),
                createdAt,
                null,
                false);
    }
}
