package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChatPlannerTest {

    @Test
    void directPairsUsersIntoTwoMemberChats() {
        ChatPlan plan = ChatPlanner.plan(Workload.DIRECT, 6, 100);
        assertEquals(3, plan.chats().size());
        assertEquals(List.of(0, 1), plan.chats().get(0).members());
        assertEquals(List.of(4, 5), plan.chats().get(2).members());
        assertEquals(6, plan.totalMemberships());
    }

    @Test
    void directWithAnOddCountPairsTheLastUserWithTheFirst() {
        ChatPlan plan = ChatPlanner.plan(Workload.DIRECT, 5, 100);
        assertEquals(3, plan.chats().size());
        assertEquals(List.of(4, 0), plan.chats().get(2).members());
        plan.chats().forEach(c -> assertEquals(2, c.members().size()));
    }

    @Test
    void directNeedsTwoUsers() {
        assertThrows(IllegalArgumentException.class, () -> ChatPlanner.plan(Workload.DIRECT, 1, 100));
    }

    @Test
    void groupsAreAllTheSameSizeAndCoverEveryUser() {
        ChatPlan plan = ChatPlanner.plan(Workload.GROUPS, 250, 100);
        assertEquals(3, plan.chats().size());
        Set<Integer> covered = new HashSet<>();
        for (PlannedChat chat : plan.chats()) {
            assertEquals(100, chat.members().size());
            assertEquals(100, new HashSet<>(chat.members()).size(), "no user twice in one chat");
            covered.addAll(chat.members());
        }
        assertEquals(250, covered.size());
        assertEquals(List.of(200, 201), plan.chats().get(2).members().subList(0, 2));
        assertEquals(
                List.of(0, 1), plan.chats().get(2).members().subList(50, 52), "last chat topped up from the start");
    }

    @Test
    void groupsLargerThanTheFleetBecomeOneChatOfEveryone() {
        ChatPlan plan = ChatPlanner.plan(Workload.GROUPS, 30, 100);
        assertEquals(1, plan.chats().size());
        assertEquals(
                IntStream.range(0, 30).boxed().toList(), plan.chats().getFirst().members());
    }

    @Test
    void broadcastIsOneChatOfTheFirstGroupSizeUsers() {
        ChatPlan plan = ChatPlanner.plan(Workload.BROADCAST, 2000, 1000);
        assertEquals(1, plan.chats().size());
        PlannedChat chat = plan.chats().getFirst();
        assertEquals(1000, chat.members().size());
        assertEquals(0, chat.creator());
        assertEquals(999, chat.invited().size());
        assertEquals(999, chat.members().getLast());
    }

    @Test
    void broadcastIsCappedAtTheFleet() {
        assertEquals(
                200,
                ChatPlanner.plan(Workload.BROADCAST, 200, 1000)
                        .chats()
                        .getFirst()
                        .members()
                        .size());
    }

    @Test
    void idleHasNoChats() {
        assertTrue(ChatPlanner.plan(Workload.IDLE, 100, 100).chats().isEmpty());
    }

    @Test
    void groupSizeIsBoundedByTheContractsMemberLimit() {
        assertThrows(IllegalArgumentException.class, () -> ChatPlanner.plan(Workload.GROUPS, 5000, 1001));
        assertThrows(IllegalArgumentException.class, () -> ChatPlanner.plan(Workload.GROUPS, 5000, 0));
    }

    @Test
    void messagesRotateOverChatsAndAuthorsWithinEachChat() {
        ChatPlan plan = ChatPlanner.plan(Workload.DIRECT, 4, 100); // chats [0,1] and [2,3]
        assertEquals(new ChatPlan.Target(plan.chats().get(0), 0), plan.target(0));
        assertEquals(new ChatPlan.Target(plan.chats().get(1), 2), plan.target(1));
        assertEquals(new ChatPlan.Target(plan.chats().get(0), 1), plan.target(2));
        assertEquals(new ChatPlan.Target(plan.chats().get(1), 3), plan.target(3));
        assertEquals(new ChatPlan.Target(plan.chats().get(0), 0), plan.target(4));
    }

    @Test
    void everyAuthorIsAMemberOfTheChatItWritesTo() {
        ChatPlan plan = ChatPlanner.plan(Workload.GROUPS, 250, 100);
        for (long n = 0; n < 1000; n++) {
            ChatPlan.Target target = plan.target(n);
            assertTrue(target.chat().members().contains(target.author()));
        }
    }
}
