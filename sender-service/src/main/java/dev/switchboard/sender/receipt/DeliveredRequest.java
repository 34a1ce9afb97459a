package dev.switchboard.sender.receipt;

import dev.switchboard.sender.problem.InvalidRequestException;

/** {@code POST /api/v1/chats/{chatId}/delivered} body: {@code {"upToSeq":42}}. */
public record DeliveredRequest(Long upToSeq) {

    /**
     * Any seq from 0; one above the chat's last seq means "everything so far" (it is clamped under the lock).
     *
     * @throws InvalidRequestException naming {@code upToSeq} when it is missing or negative
     */
    public static long upToSeq(DeliveredRequest request) {
        if (request == null || request.upToSeq() == null) {
            throw InvalidRequestException.of("upToSeq", "is required");
        }
        if (request.upToSeq() < 0) {
            throw InvalidRequestException.of("upToSeq", "must be a non-negative integer");
        }
        return request.upToSeq();
    }
}
