package dev.switchboard.sender.grant;

import dev.switchboard.sender.auth.UserIds;
import dev.switchboard.sender.problem.InvalidRequestException;
import dev.switchboard.sender.problem.ValidationErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code POST /api/v1/presence/grant} body: {@code {"userIds":["bob","carol"]}}. */
public record PresenceGrantRequest(List<String> userIds) {

    /**
     * The asked users, de-duplicated in the order given.
     *
     * @throws InvalidRequestException naming {@code userIds} when it is missing, empty, too long or holds a bad id
     */
    public static List<String> userIds(PresenceGrantRequest request, int max) {
        if (request == null || request.userIds() == null || request.userIds().isEmpty()) {
            throw InvalidRequestException.of("userIds", "must list at least one user");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>(request.userIds());
        if (unique.size() > max) {
            throw InvalidRequestException.of("userIds", "at most " + max + " users");
        }
        ValidationErrors errors = new ValidationErrors();
        int i = 0;
        for (String userId : request.userIds()) {
            if (!UserIds.isValid(userId)) {
                errors.add("userIds[" + i + "]", UserIds.RULE);
            }
            i++;
        }
        errors.throwIfAny();
        return new ArrayList<>(unique);
    }
}
