package dev.switchboard.loadgen;

import java.util.ArrayList;
import java.util.List;

/** Decides, per workload, which chats the users form. Pure: the same inputs give the same plan. */
public final class ChatPlanner {

    /** The contract's member limit, creator included. */
    public static final int MAX_MEMBERS = 1000;

    private ChatPlanner() {}

    /**
     * @param users     number of simulated users (one connection each)
     * @param groupSize members per chat for {@code groups} and {@code broadcast}
     */
    public static ChatPlan plan(Workload workload, int users, int groupSize) {
        if (users < 1) {
            throw new IllegalArgumentException("need at least one user");
        }
        if (groupSize < 1 || groupSize > MAX_MEMBERS) {
            throw new IllegalArgumentException("group size must be between 1 and " + MAX_MEMBERS + ": " + groupSize);
        }
        return new ChatPlan(
                switch (workload) {
                    case DIRECT, FLOOD -> direct(users);
                    case GROUPS -> groups(users, groupSize);
                    case BROADCAST -> List.of(new PlannedChat(0, range(0, Math.min(groupSize, users), users)));
                    case IDLE -> List.of();
                });
    }

    /**
     * Users paired 0-1, 2-3, ...; with an odd count the last user is paired with user 0, so everyone is in a
     * chat and every chat has exactly two members.
     */
    private static List<PlannedChat> direct(int users) {
        if (users < 2) {
            throw new IllegalArgumentException("the direct workload needs at least 2 users");
        }
        List<PlannedChat> chats = new ArrayList<>();
        for (int first = 0; first < users; first += 2) {
            int second = first + 1 < users ? first + 1 : 0;
            chats.add(new PlannedChat(chats.size(), List.of(first, second)));
        }
        return chats;
    }

    /**
     * Consecutive users form chats of exactly {@code min(groupSize, users)} members; the last chat, when the users
     * do not divide evenly, is topped up with users from the start. Equal sizes keep the fan-out of every message
     * the same, which makes the latency distribution about one thing.
     */
    private static List<PlannedChat> groups(int users, int groupSize) {
        int size = Math.min(groupSize, users);
        int count = (users + size - 1) / size;
        List<PlannedChat> chats = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            chats.add(new PlannedChat(k, range(k * size, size, users)));
        }
        return chats;
    }

    /** {@code count} user indexes from {@code start}, wrapping around at {@code users}. */
    private static List<Integer> range(int start, int count, int users) {
        List<Integer> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add((start + i) % users);
        }
        return members;
    }
}
