package dev.switchboard.sender.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.sender.problem.FieldError;
import dev.switchboard.sender.problem.InvalidRequestException;
import dev.switchboard.sender.testing.TestLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NewChatValidatorTest {

    private final NewChatValidator validator = new NewChatValidator(TestLimits.DEFAULTS);

    @Test
    void callerIsAlwaysAMemberAndMembersAreDistinctAndSorted() {
        NewChat chat =
                validator.validate("carol", new CreateChatRequest("Project", List.of("bob", "alice", "bob", "carol")));

        assertEquals(List.of("alice", "bob", "carol"), chat.memberIds());
        assertEquals("carol", chat.createdBy());
    }

    @Test
    void missingMemberListMeansAChatOfOne() {
        assertEquals(
                List.of("alice"),
                validator
                        .validate("alice", new CreateChatRequest("Notes", null))
                        .memberIds());
    }

    @Test
    void nameIsTrimmed() {
        assertEquals(
                "Project",
                validator
                        .validate("alice", new CreateChatRequest("  Project ", List.of()))
                        .name());
    }

    @Test
    void missingOrBlankOrOverlongNameIsRejected() {
        assertFields(() -> validator.validate("alice", new CreateChatRequest(null, List.of())), "name");
        assertFields(() -> validator.validate("alice", new CreateChatRequest("   ", List.of())), "name");
        assertFields(() -> validator.validate("alice", new CreateChatRequest("x".repeat(201), List.of())), "name");
        validator.validate("alice", new CreateChatRequest("x".repeat(200), List.of()));
    }

    @Test
    void nameLengthCountsCharactersNotUtf16Units() {
        validator.validate("alice", new CreateChatRequest("😀".repeat(200), List.of()));
    }

    @Test
    void everyInvalidMemberIdIsNamedByItsIndex() {
        assertFields(
                () -> validator.validate(
                        "alice",
                        new CreateChatRequest("Project", Arrays.asList("bob", "no spaces", null, "x".repeat(65)))),
                "memberIds[1]",
                "memberIds[2]",
                "memberIds[3]");
    }

    @Test
    void atMostTheConfiguredMemberCountIncludingTheCreator() {
        List<String> others = new ArrayList<>(
                IntStream.range(0, 999).mapToObj(i -> "user" + i).toList());
        assertEquals(
                1000,
                validator
                        .validate("alice", new CreateChatRequest("Big", others))
                        .memberIds()
                        .size());

        others.add("one-too-many");
        assertFields(() -> validator.validate("alice", new CreateChatRequest("Big", others)), "memberIds");
    }

    @Test
    void missingBodyIsReportedAsMissingName() {
        assertFields(() -> validator.validate("alice", null), "name");
    }

    static void assertFields(Runnable call, String... fields) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, call::run);
        assertEquals(List.of(fields), e.errors().stream().map(FieldError::field).toList());
    }
}
