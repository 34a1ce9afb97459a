package dev.switchboard.sender.chat;

import dev.switchboard.events.Audience;
import dev.switchboard.events.Chat;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds the chat events of the contract, with the audiences the contract gives them. */
@ApplicationScoped
public class ChatEvents {

    private final EventCodec codec;

    public ChatEvents(EventCodec codec) {
        this.codec = codec;
    }

    /** chatAdded: to every member, data = the chat; it happened when the chat was created. */
    public EventEnvelope chatAdded(Chat chat) {
        return codec.envelope(EventType.CHAT_ADDED, chat.id(), chat.createdAt(), Audience.of(chat.memberIds()), chat);
    }
}
