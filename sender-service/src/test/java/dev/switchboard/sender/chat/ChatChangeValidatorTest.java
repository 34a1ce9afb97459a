package dev.switchboard.sender.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.sender.problem.FieldError;
import dev.switchboard.sender.problem.InvalidRequestException;
import dev.switchboard.sender.testing.TestLimits;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChatChangeValidatorTest {

    private final ChatChangeValidator validator = new ChatChangeValidator(TestLimits.DEFAULTS);

    @Test
    void everyFieldIsOptional() {
        ChatChange change = validator.validate(new UpdateChatRequest(null, null, null));

        assertNull(change.name());
        assertEquals(Set.of(), change.addMemberIds());
        assertEquals(Set.of(), change.removeMemberIds());
        assertEquals(change, validator.validate(null));
    }

    @Test
    void nameIsTrimmedAndMembersAreDistinctAndSorted() {
        ChatChange change = validator.validate(
                new UpdateChatRequest(" Project X ", List.of("dave", "carol", "dave"), List.of("bob")));

        assertEquals("Project X", change.name());
        assertEquals(List.of("carol", "dave"), List.copyOf(change.addMemberIds()));
        assertEquals(List.of("bob"), List.copyOf(change.removeMemberIds()));
    }

    @Test
    void blankOrOverlongNamesAreRejected() {
        assertFields(() -> validator.validate(new UpdateChatRequest(" ", null, null)), "name");
        assertFields(() -> validator.validate(new UpdateChatRequest("x".repeat(201), null, null)), "name");
        assertFields(() -> validator.validate(new UpdateChatRequest("a\u0000b", null, null)), "name");
    }

    @Test
    void invalidMemberIdsAreNamedByIndex() {
        assertFields(
                () -> validator.validate(new UpdateChatRequest(null, List.of("ok", "not ok"), List.of("b a d"))),
                "addMemberIds[1]",
                "removeMemberIds[0]");
    }

    @Test
    void aUserBothAddedAndRemovedIsRejectedInBothFields() {
        assertFields(
                () -> validator.validate(new UpdateChatRequest(null, List.of("carol", "dave"), List.of("dave"))),
                "addMemberIds",
                "removeMemberIds");
    }

    @Test
    void addingMoreThanAChatCanHoldIsRejected() {
        List<String> many = IntStream.range(0, 1001).mapToObj(i -> "u" + i).toList();

        assertFields(() -> validator.validate(new UpdateChatRequest(null, many, null)), "addMemberIds");
    }

    @Test
    void theDeltaIgnoresExistingMembersToAddAndNonMembersToRemove() {
        ChatChange change =
                validator.validate(new UpdateChatRequest(null, List.of("alice", "carol"), List.of("bob", "zed")));

        ChatChange.MemberDelta delta = change.against(Set.of("alice", "bob"));

        assertEquals(Set.of("carol"), delta.joining());
        assertEquals(Set.of("bob"), delta.leaving());
        assertEquals(
                true,
                validator
                        .validate(new UpdateChatRequest(null, List.of("alice"), List.of("zed")))
                        .against(Set.of("alice"))
                        .isEmpty());
    }

    private static void assertFields(Executable call, String... fields) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, call);
        assertEquals(List.of(fields), e.errors().stream().map(FieldError::field).toList());
    }
}
