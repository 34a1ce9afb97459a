package dev.switchboard.sender.message;

import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.StorableText;
import dev.switchboard.sender.problem.ValidationErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The rules of a send and of an edit. The content itself is never inspected (it may be ciphertext): only its presence and size.
 */
@ApplicationScoped
public class NewMessageValidator {

    public static final String DEFAULT_CONTENT_TYPE = "text";
    public static final String ORIGIN_HEADER = "Switchboard-Origin-Connection";

    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9.+/-]{1,64}");
    private static final int MAX_CONNECTION_ID_LENGTH = 128;

    private final LimitsConfig limits;

    public NewMessageValidator(LimitsConfig limits) {
        this.limits = limits;
    }

    /**
     * @throws dev.switchboard.sender.problem.InvalidRequestException naming every offending field
     * @throws ContentTooLargeException when only the size is wrong (413 rather than 400)
     */
    public NewMessage validate(SendMessageRequest request, String originConnectionId) {
        SendMessageRequest req = request == null ? new SendMessageRequest(null, null, null) : request;
        ValidationErrors errors = new ValidationErrors();
        checkContent(req.content(), errors);
        String contentType = req.contentType() == null ? DEFAULT_CONTENT_TYPE : req.contentType();
        if (!CONTENT_TYPE.matcher(contentType).matches()) {
            errors.add("contentType", "must be 1 to 64 characters from A-Z a-z 0-9 . + / -");
        }
        String clientMessageId = req.clientMessageId();
        if (clientMessageId != null) {
            if (clientMessageId.isEmpty() || clientMessageId.length() > limits.clientMessageIdMaxLength()) {
                errors.add("clientMessageId", "must be 1 to " + limits.clientMessageIdMaxLength() + " characters");
            } else {
                String unstorable = StorableText.problem(clientMessageId);
                if (unstorable != null) {
                    errors.add("clientMessageId", unstorable);
                }
            }
        }
        String origin = originConnectionId == null || originConnectionId.isBlank() ? null : originConnectionId.strip();
        if (origin != null && (origin.length() > MAX_CONNECTION_ID_LENGTH || origin.indexOf('\u0000') >= 0)) {
            errors.add(ORIGIN_HEADER, "must be at most " + MAX_CONNECTION_ID_LENGTH + " characters");
        }
        errors.throwIfAny();

        checkSize(req.content());
        return new NewMessage(req.content(), contentType, clientMessageId, origin);
    }

    /**
     * An edit replaces the content only (its contentType stays): the same rules as the content of a send.
     *
     * @throws dev.switchboard.sender.problem.InvalidRequestException naming the content
     * @throws ContentTooLargeException when only the size is wrong (413 rather than 400)
     */
    public String validateEdit(EditMessageRequest request) {
        String content = request == null ? null : request.content();
        ValidationErrors errors = new ValidationErrors();
        checkContent(content, errors);
        errors.throwIfAny();
        checkSize(content);
        return content;
    }

    private static void checkContent(String content, ValidationErrors errors) {
        if (content == null) {
            errors.add("content", "is required");
        } else {
            // Binary payloads travel encoded (base64) anyway. One scan of a content of up to 16 KiB, not two.
            String unstorable = StorableText.problem(content);
            if (unstorable != null) {
                errors.add("content", unstorable);
            }
        }
    }

    private void checkSize(String content) {
        int bytes = utf8Length(content);
        if (bytes > limits.contentMaxBytes()) {
            throw new ContentTooLargeException(bytes, limits.contentMaxBytes());
        }
    }

    /** Bounded work: the HTTP layer already refuses bodies above quarkus.http.limits.max-body-size. */
    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
