package dev.switchboard.sender.chat;

import dev.switchboard.events.HistoryVisibility;
import dev.switchboard.events.MemberRole;
import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.StorableText;
import dev.switchboard.sender.auth.UserIds;
import dev.switchboard.sender.problem.ValidationErrors;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The field rules creating and changing a chat share: name length and characters, member id syntax, list sizes,
 * roles and history visibility.
 */
final class ChatRules {

    private ChatRules() {}

    /** @return the name stripped of surrounding white space; null (and an error recorded) when it breaks a rule */
    static String name(String field, String raw, LimitsConfig limits, ValidationErrors errors) {
        String name = raw.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > limits.chatNameMaxLength()) {
            errors.add(field, "must be 1 to " + limits.chatNameMaxLength() + " characters");
            return null;
        }
        String unstorable = StorableText.problem(name);
        if (unstorable != null) {
            errors.add(field, unstorable);
            return null;
        }
        return name;
    }

    /**
     * The valid ids of the list, sorted and distinct; each invalid one is recorded as {@code field[index]}. A list
     * longer than {@code maxSize} is one error, and its ids are not looked at: the size is checked before any
     * per-item work.
     */
    static SortedSet<String> memberIds(
            String field, List<String> requested, int maxSize, String sizeRule, ValidationErrors errors) {
        SortedSet<String> ids = new TreeSet<>();
        if (requested == null) {
            return ids;
        }
        if (requested.size() > maxSize) {
            errors.add(field, sizeRule + " (" + requested.size() + " given)");
            return ids;
        }
        for (int i = 0; i < requested.size(); i++) {
            String memberId = requested.get(i);
            if (UserIds.isValid(memberId)) {
                ids.add(memberId);
            } else {
                errors.add(field + "[" + i + "]", UserIds.RULE);
            }
        }
        return ids;
    }

    /** Null when not given (or invalid, with an error recorded). */
    static HistoryVisibility historyVisibility(String field, String raw, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        try {
            return HistoryVisibility.fromWireName(raw);
        } catch (IllegalArgumentException e) {
            errors.add(field, "must be all or sinceJoin");
            return null;
        }
    }

    /** The valid entries of a user id → role map, sorted by user id; each bad one recorded as {@code field.<id>}. */
    static SortedMap<String, MemberRole> roles(
            String field, Map<String, String> requested, int maxSize, ValidationErrors errors) {
        SortedMap<String, MemberRole> roles = new TreeMap<>();
        if (requested == null) {
            return roles;
        }
        if (requested.size() > maxSize) {
            errors.add(field, "may name at most " + maxSize + " users (" + requested.size() + " given)");
            return roles;
        }
        requested.forEach((userId, role) -> {
            if (!UserIds.isValid(userId)) {
                errors.add(field, "keys " + UserIds.RULE);
                return;
            }
            try {
                roles.put(userId, MemberRole.fromWireName(role));
            } catch (IllegalArgumentException e) {
                errors.add(field + "." + userId, "must be owner, admin or member");
            }
        });
        return roles;
    }
}
