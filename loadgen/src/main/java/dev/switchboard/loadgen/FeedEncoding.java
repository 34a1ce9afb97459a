package dev.switchboard.loadgen;

import java.util.List;
import java.util.UUID;

/** How one message is published to Redis for one kind of server: the channel and the bytes. */
interface FeedEncoding {

    /** One message of the run, as a relay would have it after the commit. */
    record FeedMessage(
            UUID chatId, List<String> memberIds, long seq, String senderId, String content, String clientMessageId) {}

    record Publication(String channel, byte[] payload) {}

    Publication messageAdded(FeedMessage message);
}
