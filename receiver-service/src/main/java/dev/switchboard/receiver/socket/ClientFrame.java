package dev.switchboard.receiver.socket;

import dev.switchboard.events.EventType;
import dev.switchboard.receiver.delivery.SubscriptionFilter;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A frame a client may send. Anything else is answered with a bad_request error frame. */
public sealed interface ClientFrame {

    /**
     * {@code {"type":"auth","token":"..."}}: a fresh token for the same user, so that the connection outlives the one
     * it was opened with. Answered {@code {"type":"authenticated","expiresAt":"..."}}.
     */
    record Auth(String token) implements ClientFrame {}

    /** {@code {"type":"ping"}}: answered with a pong, lets clients check the connection end to end. */
    record Ping() implements ClientFrame {}

    /**
     * {@code {"type":"subscribe","events":[...],"chatIds":[...]}}: narrows what the connection gets; an empty list
     * means no restriction. Lists are de-duplicated, in the order the client gave them.
     */
    record Subscribe(List<EventType> events, List<UUID> chatIds) implements ClientFrame {

        public Subscribe {
            events = List.copyOf(events);
            chatIds = List.copyOf(chatIds);
        }

        public SubscriptionFilter filter() {
            return new SubscriptionFilter(Set.copyOf(events), Set.copyOf(chatIds));
        }

        public List<String> eventNames() {
            return events.stream().map(EventType::wireName).toList();
        }
    }

    /**
     * {@code {"type":"watch","chatId":"...","grant":"..."}}: watch a chat on a sender's grant (GET
     * /api/v1/chats/{chatId}/grant) that the user is a member; answered {@code {"type":"watching","chatId",
     * "expiresAt"}}. Sending it again with a fresh grant renews the watch.
     */
    record Watch(UUID chatId, String grant) implements ClientFrame {}

    /** {@code {"type":"unwatch","chatId":"..."}}: answered {@code {"type":"unwatched","chatId"}}. */
    record Unwatch(UUID chatId) implements ClientFrame {}

    /**
     * {@code {"type":"typing","chatId":"...","typing":true}} while the user types, {@code false} when they stop, in a
     * watched chat. Not answered unless refused.
     */
    record Typing(UUID chatId, boolean typing) implements ClientFrame {}

    /**
     * {@code {"type":"presence","grant":"..."}} with a grant from {@code POST /api/v1/presence/grant}: the connection
     * follows exactly the grant's users (replacing what it followed) until it expires, and is answered with their state
     * now; then it gets their presenceChanged events.
     */
    record Presence(String grant) implements ClientFrame {}
}
