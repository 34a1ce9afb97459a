package dev.switchboard.sender.chat;

import dev.switchboard.events.HistoryVisibility;
import dev.switchboard.events.MemberRole;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A validated change to a chat: a new name (null: keep it), the users to add and to remove (sorted, disjoint), the
 * roles to set (user id → role, none of them removed) and a new history visibility (null: keep it). Adding a member
 * or removing a non-member is allowed and changes nothing. Who may make which change is {@link ChatPermissions}'.
 */
public record ChatChange(
        String name,
        SortedSet<String> addMemberIds,
        SortedSet<String> removeMemberIds,
        SortedMap<String, MemberRole> roles,
        HistoryVisibility historyVisibility) {

    public ChatChange {
        addMemberIds = new TreeSet<>(addMemberIds);
        removeMemberIds = new TreeSet<>(removeMemberIds);
        roles = new TreeMap<>(roles);
    }

    /** The effect on a chat with these members: who really joins and who really leaves. */
    public MemberDelta against(Set<String> currentMemberIds) {
        SortedSet<String> joining = new TreeSet<>(addMemberIds);
        joining.removeAll(currentMemberIds);
        SortedSet<String> leaving = new TreeSet<>(removeMemberIds);
        leaving.retainAll(currentMemberIds);
        return new MemberDelta(joining, leaving);
    }

    /** Members a change really adds and removes. */
    public record MemberDelta(SortedSet<String> joining, SortedSet<String> leaving) {

        public boolean isEmpty() {
            return joining.isEmpty() && leaving.isEmpty();
        }
    }
}
