package dev.switchboard.sender.message;

import dev.switchboard.events.Audience;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Message;
import dev.switchboard.events.MessagePreview;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Builds the message events of the contract, with the audiences the contract gives them. */
@ApplicationScoped
public class MessageEvents {

    private final EventCodec codec;

    public MessageEvents(EventCodec codec) {
        this.codec = codec;
    }

    /**
     * messageAdded: to every member (the sender's other devices too), less the connection that sent it, which
     * already has the message from the 201 answer.
     */
    public EventEnvelope messageAdded(Message message, List<String> memberIds, String originConnectionId) {
        return codec.envelope(
                EventType.MESSAGE_ADDED,
                message.chatId(),
                message.createdAt(),
                Audience.of(memberIds).excluding(originConnectionId),
                message);
    }

    /**
     * chatMessageNotification: to every member but the sender (they wrote it), with what a notification shows.
     * Null when the sender is alone in the chat: no event has an empty audience.
     */
    public EventEnvelope chatMessageNotification(Message message, String chatName, List<String> memberIds) {
        List<String> others =
                memberIds.stream().filter(id -> !id.equals(message.senderId())).toList();
        if (others.isEmpty()) {
            return null;
        }
        return codec.envelope(
                EventType.CHAT_MESSAGE_NOTIFICATION,
                message.chatId(),
                message.createdAt(),
                Audience.of(others),
                new EventData.ChatMessageNotification(
                        message.chatId(), chatName, message.senderId(), MessagePreview.of(message)));
    }

    /**
     * messageUpdateForChatList: to every member, the chat's newest message for its line in a chat list. Published
     * by a send, and by an edit or a delete of the newest message.
     */
    public EventEnvelope chatListUpdate(Message lastMessage, long lastSeq, List<String> memberIds, Instant at) {
        return codec.envelope(
                EventType.MESSAGE_UPDATE_FOR_CHAT_LIST,
                lastMessage.chatId(),
                at,
                Audience.of(memberIds),
                new EventData.ChatListUpdate(lastMessage.chatId(), lastSeq, MessagePreview.of(lastMessage)));
    }

    /** messageUpdated: to every member, the message after the edit; it happened at its {@code editedAt}. */
    public EventEnvelope messageUpdated(Message edited, List<String> memberIds) {
        return codec.envelope(
                EventType.MESSAGE_UPDATED, edited.chatId(), edited.editedAt(), Audience.of(memberIds), edited);
    }

    /** messageDeleted: to every member, which message of the history became a tombstone. */
    public EventEnvelope messageDeleted(Message tombstone, List<String> memberIds, Instant at) {
        return codec.envelope(
                EventType.MESSAGE_DELETED,
                tombstone.chatId(),
                at,
                Audience.of(memberIds),
                new EventData.MessageDeleted(tombstone.id(), tombstone.chatId(), tombstone.seq()));
    }
}
