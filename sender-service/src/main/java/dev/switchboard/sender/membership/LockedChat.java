package dev.switchboard.sender.membership;

import dev.switchboard.events.Chat;
import dev.switchboard.events.HistoryVisibility;
import java.util.List;

/**
 * A chat whose row this transaction has locked, with its members as they are under that lock: nobody joins, leaves,
 * sends or reads in this chat until the transaction ends, so audiences and counts computed from here are exact.
 */
public record LockedChat(Chat chat, List<Member> members) {

    public LockedChat {
        members = List.copyOf(members);
    }

    /** Null when the user is not a member. */
    public Member member(String userId) {
        for (Member member : members) {
            if (member.userId().equals(userId)) {
                return member;
            }
        }
        return null;
    }

    /** In the order every read of a chat gives them (byte order of the ids). */
    public List<String> memberIds() {
        return chat.memberIds();
    }

    /**
     * The members who may read the message with this seq, in member order: everyone, except in a {@code sinceJoin}
     * chat those who joined after it was sent. The audience of every event about an existing message.
     */
    public List<String> readersOf(long seq) {
        if (chat.historyVisibility() == HistoryVisibility.ALL) {
            return memberIds();
        }
        return members.stream()
                .filter(member -> HistoryFloor.sees(member.joinedSeq(), seq))
                .map(Member::userId)
                .toList();
    }
}
