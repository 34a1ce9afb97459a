package dev.switchboard.sender.message;

import dev.switchboard.events.Message;
import java.util.List;

/** {@code {"messages":[...],"hasMore":bool}}: hasMore says another page lies further in the same direction. */
public record MessagePage(List<Message> messages, boolean hasMore) {}
