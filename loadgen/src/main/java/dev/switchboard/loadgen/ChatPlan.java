package dev.switchboard.loadgen;

import java.util.List;

/** The chats of a run and which chat and author each message number goes to. */
public record ChatPlan(List<PlannedChat> chats) {

    /** Where message {@code n} goes and who writes it. */
    public record Target(PlannedChat chat, int author) {}

    public ChatPlan {
        chats = List.copyOf(chats);
    }

    /**
     * Chats take turns, so each gets the same share of the rate; within a chat the members take turns writing,
     * so every member's connection sees its own messages echoed as well as the others'.
     */
    public Target target(long n) {
        if (chats.isEmpty()) {
            throw new IllegalStateException("this plan sends no messages");
        }
        PlannedChat chat = chats.get((int) (n % chats.size()));
        long turn = n / chats.size();
        return new Target(chat, chat.members().get((int) (turn % chat.members().size())));
    }

    /** Member connections a message to each chat should reach, summed over the chats: for the set-up summary. */
    public long totalMemberships() {
        return chats.stream().mapToLong(c -> c.members().size()).sum();
    }
}
