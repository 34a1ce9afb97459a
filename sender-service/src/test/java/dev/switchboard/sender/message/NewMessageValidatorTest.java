package dev.switchboard.sender.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.sender.problem.FieldError;
import dev.switchboard.sender.problem.InvalidRequestException;
import dev.switchboard.sender.testing.TestLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewMessageValidatorTest {

    private final NewMessageValidator validator = new NewMessageValidator(TestLimits.DEFAULTS);

    @Test
    void contentTypeDefaultsToText() {
        NewMessage message = validator.validate(new SendMessageRequest("hi", null, null), null);

        assertEquals("text", message.contentType());
        assertNull(message.clientMessageId());
        assertNull(message.originConnectionId());
    }

    @Test
    void otherShortContentTypesPassThrough() {
        assertEquals(
                "ciphertext",
                validator
                        .validate(new SendMessageRequest("AAEC", "ciphertext", "c-1"), null)
                        .contentType());
        assertEquals(
                "application/vnd.x+json",
                validator
                        .validate(new SendMessageRequest("{}", "application/vnd.x+json", null), null)
                        .contentType());
    }

    @Test
    void contentIsRequiredButMayBeEmpty() {
        assertFields(() -> validator.validate(new SendMessageRequest(null, null, null), null), "content");
        assertFields(() -> validator.validate(null, null), "content");
        assertEquals(
                "",
                validator.validate(new SendMessageRequest("", null, null), null).content());
    }

    @Test
    void badContentTypeAndClientMessageIdAreNamed() {
        assertFields(
                () -> validator.validate(new SendMessageRequest("hi", "text plain", ""), null),
                "contentType",
                "clientMessageId");
        assertFields(
                () -> validator.validate(new SendMessageRequest("hi", "x".repeat(65), "c".repeat(129)), null),
                "contentType",
                "clientMessageId");
    }

    @Test
    void nulCharactersAreRefusedBecausePostgresqlTextCannotHoldThem() {
        assertFields(
                () -> validator.validate(new SendMessageRequest("a\u0000", null, "c\u0000"), null),
                "content",
                "clientMessageId");
    }

    @Test
    void contentLimitIsInUtf8BytesNotCharacters() {
        validator.validate(new SendMessageRequest("a".repeat(16384), null, null), null);
        // 5462 characters, but 16386 bytes of UTF-8.
        ContentTooLargeException e = assertThrows(
                ContentTooLargeException.class,
                () -> validator.validate(new SendMessageRequest("€".repeat(5462), null, null), null));
        assertEquals(16384, e.maxBytes());
    }

    @Test
    void originConnectionIsTakenFromTheHeaderWhenGiven() {
        assertEquals(
                "conn-1",
                validator
                        .validate(new SendMessageRequest("hi", null, null), " conn-1 ")
                        .originConnectionId());
        assertNull(validator
                .validate(new SendMessageRequest("hi", null, null), " ")
                .originConnectionId());
        assertFields(
                () -> validator.validate(new SendMessageRequest("hi", null, null), "c".repeat(129)),
                NewMessageValidator.ORIGIN_HEADER);
    }

    private static void assertFields(Runnable call, String... fields) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, call::run);
        assertEquals(List.of(fields), e.errors().stream().map(FieldError::field).toList());
    }
}
