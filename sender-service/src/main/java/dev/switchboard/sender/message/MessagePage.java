package dev.switchboard.sender.message;

import dev.switchboard.events.Message;
import dev.switchboard.sender.receipt.ReceiptTicks;
import java.util.List;

/**
 * {@code {"messages":[...],"hasMore":bool,"receipts":{...}}}: hasMore says another page lies further in the same
 * direction; receipts are the chat's ticks when the page was read (a message at or below deliveredToAllSeq reached
 * every member, at or below readByAllSeq every member read it).
 */
public record MessagePage(List<Message> messages, boolean hasMore, ReceiptTicks receipts) {}
