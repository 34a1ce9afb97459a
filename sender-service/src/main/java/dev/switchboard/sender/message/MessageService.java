package dev.switchboard.sender.message;

import dev.switchboard.events.Message;
import dev.switchboard.events.TimeOrderedIds;
import dev.switchboard.sender.chat.ChatNotFoundException;
import dev.switchboard.sender.chat.ChatRepository;
import dev.switchboard.sender.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Sending messages and reading history. Nothing is published from here: events go to the outbox. */
@ApplicationScoped
public class MessageService {

    private final Pool pool;
    private final ChatRepository chats;
    private final MessageRepository messages;
    private final MessageEvents events;
    private final OutboxWriter outbox;

    public MessageService(Pool pool, ChatRepository chats, MessageRepository messages, MessageEvents events,
                          OutboxWriter outbox) {
        this.pool = pool;
        this.chats = chats;
        this.messages = messages;
        this.events = events;
        this.outbox = outbox;
    }

    /**
     * One transaction: next seq under the chat row lock, the message, the sender's read mark, the events in the
     * outbox (and the NOTIFY that wakes the relay at commit).
     *
     * @throws ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member
     */
    public Uni<Message> send(UUID chatId, String senderId, NewMessage newMessage) {
        return pool.withTransaction(tx -> chats.advanceSeq(tx, chatId, senderId)
                .onItem().ifNull().failWith(() -> new ChatNotFoundException(chatId))
                .flatMap(next -> {
                    Message message = new Message(TimeOrderedIds.next(), chatId, next.seq(), senderId,
                            newMessage.content(), newMessage.contentType(), newMessage.clientMessageId(), next.at(),
                            null, false);
                    return messages.insert(tx, message)
                            .call(() -> chats.markReadUpTo(tx, chatId, senderId, message.seq()))
                            .call(() -> publishAdded(tx, message, newMessage.originConnectionId()))
                            .replaceWith(message);
                }));
    }

    /** @throws ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member */
    public Uni<MessagePage> page(UUID chatId, String callerId, PageRequest page) {
        return chats.isMember(pool, chatId, callerId)
                .flatMap(member -> {
                    if (!member) {
                        return Uni.createFrom().failure(new ChatNotFoundException(chatId));
                    }
                    return messages.page(pool, chatId, page).map(rows -> rows.size() > page.limit()
                            ? new MessagePage(List.copyOf(rows.subList(0, page.limit())), true)
                            : new MessagePage(rows, false));
                });
    }

    private Uni<Void> publishAdded(SqlConnection tx, Message message, String originConnectionId) {
        // Members read after the row lock: nobody can join or leave between this and the commit of this send.
        return chats.memberIds(tx, message.chatId())
                .flatMap(members -> outbox.write(tx, List.of(events.messageAdded(message, members, originConnectionId))));
    }
}
