package dev.switchboard.sender.chat;

import dev.switchboard.events.HistoryVisibility;
import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.problem.ValidationErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.SortedSet;

/** The rules of chat creation: name length, member id syntax, member count (all configurable limits), history visibility. */
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

        String name = null;
        if (req.name() == null) {
            errors.add("name", "is required");
        } else {
            name = ChatRules.name("name", req.name(), limits, errors);
        }

        String sizeRule = "a chat has at most " + limits.chatMaxMembers() + " members, creator included";
        SortedSet<String> members =
                ChatRules.memberIds("memberIds", req.memberIds(), limits.chatMaxMembers(), sizeRule, errors);
        members.add(callerId);
        if (members.size() > limits.chatMaxMembers()) {
            errors.add("memberIds", sizeRule);
        }

        HistoryVisibility visibility =
                ChatRules.historyVisibility("historyVisibility", req.historyVisibility(), errors);

        errors.throwIfAny();
        return new NewChat(
                name, callerId, List.copyOf(members), visibility == null ? HistoryVisibility.ALL : visibility);
    }
}
