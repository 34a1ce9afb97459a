package dev.switchboard.sender.admin;

import dev.switchboard.sender.problem.InvalidRequestException;

/** {@code POST /api/v1/admin/chats/{chatId}/republish} body: {@code {"fromSeq":10}}. */
public record RepublishRequest(Long fromSeq) {

    /** @throws InvalidRequestException naming {@code fromSeq} when it is missing or negative */
    public static long fromSeq(RepublishRequest request) {
        if (request == null || request.fromSeq() == null) {
            throw InvalidRequestException.of("fromSeq", "is required");
        }
        if (request.fromSeq() < 0) {
            throw InvalidRequestException.of("fromSeq", "must be a non-negative integer");
        }
        return request.fromSeq();
    }
}
