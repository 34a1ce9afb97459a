package dev.switchboard.sender.chat;

import dev.switchboard.events.HistoryVisibility;
import dev.switchboard.events.MemberRole;
import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.problem.ValidationErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The rules of a chat change that need no database: the name as at creation, member id syntax, no user both added
 * and removed, no role for a removed user, no more additions than a chat can hold. The member limit against the
 * actual members, and who may change what, are checked under the chat row lock ({@link ChatService#update}).
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
        int max = limits.chatMaxMembers();

        String name = req.name() == null ? null : ChatRules.name("name", req.name(), limits, errors);
        String sizeRule = "a chat has at most " + max + " members";
        SortedSet<String> add = ChatRules.memberIds("addMemberIds", req.addMemberIds(), max, sizeRule, errors);
        SortedSet<String> remove = ChatRules.memberIds("removeMemberIds", req.removeMemberIds(), max, sizeRule, errors);
        SortedMap<String, MemberRole> roles = ChatRules.roles("roles", req.roles(), max, errors);
        HistoryVisibility visibility =
                ChatRules.historyVisibility("historyVisibility", req.historyVisibility(), errors);

        List<String> both = add.stream().filter(remove::contains).toList();
        if (!both.isEmpty()) {
            String message = "must not name a user that removeMemberIds also names: " + String.join(", ", both);
            errors.add("addMemberIds", message);
            errors.add(
                    "removeMemberIds", "must not name a user that addMemberIds also names: " + String.join(", ", both));
        }
        List<String> removedWithRole =
                roles.keySet().stream().filter(remove::contains).toList();
        if (!removedWithRole.isEmpty()) {
            errors.add(
                    "roles", "must not name a user that removeMemberIds names: " + String.join(", ", removedWithRole));
        }

        errors.throwIfAny();
        return new ChatChange(name, add, remove, roles, visibility);
    }
}
