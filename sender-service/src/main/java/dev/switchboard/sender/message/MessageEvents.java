package dev.switchboard.sender.message;

import dev.switchboard.events.Audience;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Message;
import jakarta.enterprise.context.ApplicationScoped;

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
        return codec.envelope(EventType.MESSAGE_ADDED, message.chatId(), message.createdAt(),
                Audience.of(memberIds).excluding(originConnectionId), message);
    }
}
