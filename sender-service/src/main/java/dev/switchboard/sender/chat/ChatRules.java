package dev.switchboard.sender.chat;

import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.auth.UserIds;
import dev.switchboard.sender.problem.ValidationErrors;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** The field rules creating and changing a chat share: name length and characters, member id syntax. */
final class ChatRules {

    private ChatRules() {}

    /** @return the name stripped of surrounding white space; null (and an error recorded) when it breaks a rule */
    static String name(String field, String raw, LimitsConfig limits, ValidationErrors errors) {
        String name = raw.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > limits.chatNameMaxLength()) {
            errors.add(field, "must be 1 to " + limits.chatNameMaxLength() + " characters");
            return null;
        }
        if (name.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold U+0000.
            errors.add(field, "must not contain the character U+0000");
            return null;
        }
        return name;
    }

    /** The valid ids of the list, sorted and distinct; each invalid one is recorded as {@code field[index]}. */
    static SortedSet<String> memberIds(String field, List<String> requested, ValidationErrors errors) {
        SortedSet<String> ids = new TreeSet<>();
        if (requested == null) {
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
}
