package dev.switchboard.sender.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.switchboard.sender.chat.CreateChatRequest;
import dev.switchboard.sender.json.ContractJsonCustomizer;
import dev.switchboard.sender.message.SendMessageRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonProblemsTest {

    private final ObjectMapper mapper = strictMapper();

    @Test
    void namesTheFieldOfAValueOfTheWrongType() {
        MismatchedInputException e = assertThrows(
                MismatchedInputException.class, () -> mapper.readValue("{\"content\": 5}", SendMessageRequest.class));

        assertEquals("content", JsonProblems.fieldPath(e));
        assertEquals("a string", JsonProblems.expected(e.getTargetType()));
    }

    @Test
    void namesAnArrayElementByItsIndex() {
        JsonMappingException e = assertThrows(
                JsonMappingException.class,
                () -> mapper.readValue("{\"name\":\"x\",\"memberIds\":[\"bob\", {}]}", CreateChatRequest.class));

        assertEquals("memberIds[1]", JsonProblems.fieldPath(e));
    }

    @Test
    void aStringWhereAnArrayBelongsIsNamed() {
        MismatchedInputException e = assertThrows(
                MismatchedInputException.class,
                () -> mapper.readValue("{\"memberIds\":\"bob\"}", CreateChatRequest.class));

        assertEquals("memberIds", JsonProblems.fieldPath(e));
        assertEquals("an array", JsonProblems.expected(e.getTargetType()));
    }

    @Test
    void aBodyThatIsNoObjectHasNoField() {
        JsonMappingException e =
                assertThrows(JsonMappingException.class, () -> mapper.readValue("[1, 2]", SendMessageRequest.class));

        assertNull(JsonProblems.fieldPath(e));
    }

    @Test
    void describesJsonTypes() {
        assertEquals("an integer", JsonProblems.expected(Long.class));
        assertEquals("a boolean", JsonProblems.expected(boolean.class));
        assertEquals("an array", JsonProblems.expected(List.class));
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new ContractJsonCustomizer().customize(mapper);
        return mapper;
    }
}
