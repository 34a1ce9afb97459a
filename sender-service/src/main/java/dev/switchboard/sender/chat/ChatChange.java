package dev.switchboard.sender.chat;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A validated change to a chat: a new name (null: keep it) and the users to add and to remove (sorted, disjoint).
 * Adding a member or removing a non-member is allowed and changes nothing.
 */
public record ChatChange(String name, SortedSet<String> addMemberIds, SortedSet<String> removeMemberIds) {

    public ChatChange {
        addMemberIds = new TreeSet<>(addMemberIds);
        removeMemberIds = new TreeSet<>(removeMemberIds);
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
