package dev.switchboard.sender.chat;

import dev.switchboard.events.Audience;
import dev.switchboard.events.Chat;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.MemberRole;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

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

    /**
     * chatUpdated: to the members before and after the change (so the removed learn they were removed and the added
     * that they were added), data = the chat after it plus the members it lost, who made the change and the roles
     * it changed.
     */
    public EventEnvelope chatUpdated(
            Chat after,
            Collection<String> membersBefore,
            String actorId,
            Map<String, MemberRole> roleChanges,
            Instant at) {
        SortedSet<String> audience = new TreeSet<>(membersBefore);
        audience.addAll(after.memberIds());
        SortedSet<String> removed = new TreeSet<>(membersBefore);
        removed.removeAll(after.memberIds());
        return codec.envelope(
                EventType.CHAT_UPDATED,
                after.id(),
                at,
                Audience.of(audience),
                EventData.ChatUpdated.of(after, List.copyOf(removed), actorId, roleChanges));
    }
}
