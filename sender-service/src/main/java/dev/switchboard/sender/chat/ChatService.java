package dev.switchboard.sender.chat;

import dev.switchboard.events.Chat;
import dev.switchboard.events.TimeOrderedIds;
import dev.switchboard.sender.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Creating and reading chats. Every change commits together with its events (transactional outbox). */
@ApplicationScoped
public class ChatService {

    private final Pool pool;
    private final ChatRepository chats;
    private final ChatEvents events;
    private final OutboxWriter outbox;

    public ChatService(Pool pool, ChatRepository chats, ChatEvents events, OutboxWriter outbox) {
        this.pool = pool;
        this.chats = chats;
        this.events = events;
        this.outbox = outbox;
    }

    /** One transaction: chat row, member rows, chatAdded in the outbox. */
    public Uni<Chat> create(NewChat newChat) {
        UUID id = TimeOrderedIds.next();
        return pool.withTransaction(tx -> chats.insert(tx, id, newChat)
                .call(chat -> outbox.write(tx, List.of(events.chatAdded(chat)))));
    }

    /** @throws ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member */
    public Uni<Chat> get(UUID chatId, String callerId) {
        return chats.findForMember(pool, chatId, callerId)
                .onItem().ifNull().failWith(() -> new ChatNotFoundException(chatId));
    }
}
