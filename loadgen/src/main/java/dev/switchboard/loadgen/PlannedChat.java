package dev.switchboard.loadgen;

import java.util.List;

/**
 * One chat the run creates. Users are referred to by their index in the fleet (user {@code i} holds connection
 * {@code i}).
 *
 * @param index   position in the plan
 * @param members user indexes, the creator first (the contract makes the creator a member)
 */
public record PlannedChat(int index, List<Integer> members) {

    public PlannedChat {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a chat has at least its creator");
        }
    }

    public int creator() {
        return members.getFirst();
    }

    /** Members other than the creator: the {@code memberIds} of the create request. */
    public List<Integer> invited() {
        return members.subList(1, members.size());
    }
}
