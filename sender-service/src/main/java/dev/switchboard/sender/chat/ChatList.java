package dev.switchboard.sender.chat;

import java.util.List;

/** {@code {"chats":[ChatSummary],"nextCursor":"..."}}: nextCursor is null on the last page. */
public record ChatList(List<ChatSummary> chats, String nextCursor) {}
