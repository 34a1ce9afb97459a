package dev.switchboard.sender.chat;

import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.auth.UserIds;
import dev.switchboard.sender.problem.ValidationErrors;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** The rules of chat creation: name length, member id syntax, member count (all configurable limits). */
@ApplicationScoped
public class NewChatValidator {

    private final LimitsConfig limits;

    public NewChatValidator(LimitsConfig limits) {
        this.limits = limits;
    }

    /**
     * Members come back sorted: the same order every read of the chat gives, whatever order they were sent in.
     *
     * @throws dev.switchboard.sender.problem.InvalidRequestException naming every offending field
     */
    public NewChat validate(String callerId, CreateChatRequest request) {
        CreateChatRequest req = request == null ? new CreateChatRequest(null, null) : request;
        ValidationErrors errors = new ValidationErrors();

        String name = req.name() == null ? null : req.name().strip();
        if (name == null) {
            errors.add("name", "is required");
        } else if (name.isEmpty() || name.codePointCount(0, name.length()) > limits.chatNameMaxLength()) {
            errors.add("name", "must be 1 to " + limits.chatNameMaxLength() + " characters");
        } else if (name.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold U+0000.
            errors.add("name", "must not contain the character U+0000");
        }

        SortedSet<String> members = new TreeSet<>();
        members.add(callerId);
        List<String> requested = req.memberIds() == null ? List.of() : req.memberIds();
        for (int i = 0; i < requested.size(); i++) {
            String memberId = requested.get(i);
            if (UserIds.isValid(memberId)) {
                members.add(memberId);
            } else {
                errors.add("memberIds[" + i + "]", UserIds.RULE);
            }
        }
        if (members.size() > limits.chatMaxMembers()) {
            errors.add("memberIds", "a chat has at most " + limits.chatMaxMembers() + " members, creator included");
        }

        errors.throwIfAny();
        return new NewChat(name, callerId, List.copyOf(members));
    }
}
