package dev.switchboard.sender.membership;

import dev.switchboard.events.HistoryVisibility;

/**
 * The one home of "which messages may a member read": in a chat whose history visibility is {@code all}, every
 * message; in a {@code sinceJoin} chat, the messages sent after the member joined (seq above their
 * {@code joined_seq}). Used by history reads (as SQL), chat-list previews (as SQL) and event audiences (as Java).
 */
public final class HistoryFloor {

    private HistoryFloor() {}

    /**
     * The floor as an SQL expression: the highest seq the member may not read (0: none hidden).
     *
     * @param chat   alias of a {@code chats} row
     * @param member alias of the member's {@code chat_members} row
     */
    public static String sql(String chat, String member) {
        return "(CASE WHEN " + chat + ".history_visibility = '" + HistoryVisibility.SINCE_JOIN.wireName() + "' THEN "
                + member + ".joined_seq ELSE 0 END)";
    }

    /** Whether a member of a {@code sinceJoin} chat who joined at {@code joinedSeq} may read message {@code seq}. */
    static boolean sees(long joinedSeq, long seq) {
        return seq > joinedSeq;
    }
}
