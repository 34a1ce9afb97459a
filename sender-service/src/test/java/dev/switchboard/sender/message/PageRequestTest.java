package dev.switchboard.sender.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.sender.message.PageRequest.Direction;
import dev.switchboard.sender.problem.FieldError;
import dev.switchboard.sender.problem.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void noParametersMeansFromTheStartWithTheDefaultLimit() {
        assertEquals(new PageRequest(Direction.AFTER, 0, 50), PageRequest.parse(null, null, null, 50, 200));
    }

    @Test
    void afterSeqPagesForwardAndBeforeSeqBackward() {
        assertEquals(new PageRequest(Direction.AFTER, 7, 10), PageRequest.parse("7", null, "10", 50, 200));
        assertEquals(new PageRequest(Direction.BEFORE, 100, 200), PageRequest.parse(null, "100", "200", 50, 200));
    }

    @Test
    void afterAndBeforeTogetherAreRejectedNamingBoth() {
        assertFields(() -> PageRequest.parse("1", "5", null, 50, 200), "afterSeq", "beforeSeq");
    }

    @Test
    void negativeOrNonNumericSeqsAreRejectedByName() {
        assertFields(() -> PageRequest.parse("-1", null, null, 50, 200), "afterSeq");
        assertFields(() -> PageRequest.parse("abc", null, null, 50, 200), "afterSeq");
        assertFields(() -> PageRequest.parse(null, "1.5", null, 50, 200), "beforeSeq");
    }

    @Test
    void limitMustBeBetweenOneAndTheMaximum() {
        assertFields(() -> PageRequest.parse(null, null, "0", 50, 200), "limit");
        assertFields(() -> PageRequest.parse(null, null, "201", 50, 200), "limit");
        assertFields(() -> PageRequest.parse(null, null, "ten", 50, 200), "limit");
        assertEquals(1, PageRequest.parse(null, null, "1", 50, 200).limit());
    }

    private static void assertFields(Runnable call, String... fields) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, call::run);
        assertEquals(List.of(fields), e.errors().stream().map(FieldError::field).toList());
    }
}
