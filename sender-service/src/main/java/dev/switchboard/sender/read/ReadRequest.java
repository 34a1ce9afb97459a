package dev.switchboard.sender.read;

import dev.switchboard.sender.problem.InvalidRequestException;

/** {@code POST /api/v1/chats/{chatId}/read} body: {@code {"upToSeq":42}}. */
public record ReadRequest(Long upToSeq) {

    /**
     * Any seq from 0 is accepted; one above the chat's last seq means "everything" (it is clamped under the lock).
     *
     * @throws InvalidRequestException naming {@code upToSeq} when it is missing or negative
     */
    public static long upToSeq(ReadRequest request) {
        if (request == null || request.upToSeq() == null) {
            throw InvalidRequestException.of("upToSeq", "is required");
        }
        if (request.upToSeq() < 0) {
            throw InvalidRequestException.of("upToSeq", "must be a non-negative integer");
        }
        return request.upToSeq();
    }
}
