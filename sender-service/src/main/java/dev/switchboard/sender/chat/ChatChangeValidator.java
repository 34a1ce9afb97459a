package dev.switchboard.sender.chat;

import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.problem.ValidationErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.SortedSet;

/**
 * The rules of a chat change that need no database: the name as at creation, member id syntax, no user both added
 * and removed, no more additions than a chat can hold. The member limit against the actual members is checked
 * under the chat row lock ({@link ChatService#update}).
 */
@ApplicationScoped
public class ChatChangeValidator {

    private final LimitsConfig limits;

    public ChatChangeValidator(LimitsConfig limits) {
        this.limits = limits;
    }

    /** @throws dev.switchboard.sender.problem.InvalidRequestException naming every offending field */
    public ChatChange validate(UpdateChatRequest request) {
        UpdateChatRequest req = request == null ? new UpdateChatRequest(null, null, null) : request;
        ValidationErrors errors = new ValidationErrors();

        String name = req.name() == null ? null : ChatRules.name("name", req.name(), limits, errors);
        SortedSet<String> add = ChatRules.memberIds("addMemberIds", req.addMemberIds(), errors);
        SortedSet<String> remove = ChatRules.memberIds("removeMemberIds", req.removeMemberIds(), errors);

        List<String> both = add.stream().filter(remove::contains).toList();
        if (!both.isEmpty()) {
            String message = "must not name a user that removeMemberIds also names: " + String.join(", ", both);
            errors.add("addMemberIds", message);
            errors.add(
                    "removeMemberIds", "must not name a user that addMemberIds also names: " + String.join(", ", both));
        }
        if (add.size() > limits.chatMaxMembers()) {
            errors.add("addMemberIds", "a chat has at most " + limits.chatMaxMembers() + " members");
        }

        errors.throwIfAny();
        return new ChatChange(name, add, remove);
    }
}
