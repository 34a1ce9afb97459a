package dev.switchboard.sender.chat;

import dev.switchboard.events.MemberRole;
import dev.switchboard.sender.membership.LockedChat;
import dev.switchboard.sender.membership.Member;
import dev.switchboard.sender.problem.InvalidRequestException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one home of the role rules: who may change what in a chat, and who owns it after the change.
 * <ul>
 *   <li>Anyone may leave (remove themselves), whatever their role.
 *   <li>Owners may do everything: rename, add, remove anyone, set any role, change the history visibility.
 *   <li>Admins may rename, add members, remove members (not admins or owners) and move users between member and
 *       admin; they cannot make or unmake owners, nor change the history visibility.
 *   <li>Members may only leave.
 *   <li>A chat with members always has an owner: when the last owner leaves or steps down, the longest-standing
 *       admin becomes owner, or, without admins, the longest-standing member (earliest join, then user id).
 * </ul>
 * Rules are checked against the effective change only: naming the current name or a current role is no change and
 * needs no right. The check runs under the chat row lock, against the roles as they are.
 */
final class ChatPermissions {

    private ChatPermissions() {}

    /**
     * @return the roles the change sets (users who join with a role other than member, members whose role changes,
     *     and an owner appointed by the hand-over rule), by user id
     * @throws ChangeNotAllowedException naming the first rule the caller's role breaks
     * @throws InvalidRequestException   when a role is given for a user who is neither a member nor added
     */
    static SortedMap<String, MemberRole> authorize(
            LockedChat locked,
            String callerId,
            ChatChange change,
            ChatChange.MemberDelta delta,
            boolean renames,
            boolean changesVisibility) {
        MemberRole caller = locked.member(callerId).role();
        if (renames && caller == MemberRole.MEMBER) {
            throw new ChangeNotAllowedException("only owners and admins may rename the chat");
        }
        if (changesVisibility && caller != MemberRole.OWNER) {
            throw new ChangeNotAllowedException("only owners may change the history visibility");
        }
        if (!delta.joining().isEmpty() && caller == MemberRole.MEMBER) {
            throw new ChangeNotAllowedException("only owners and admins may add members");
        }
        for (String leaving : delta.leaving()) {
            if (leaving.equals(callerId)) {
                continue;
            }
            MemberRole role = locked.member(leaving).role();
            if (caller == MemberRole.MEMBER) {
                throw new ChangeNotAllowedException("only owners and admins may remove other members");
            }
            if (caller == MemberRole.ADMIN && role != MemberRole.MEMBER) {
                throw new ChangeNotAllowedException(
                        "admins may remove members only; " + leaving + " is " + article(role));
            }
        }

        Map<String, MemberRole> after = new HashMap<>();
        for (Member member : locked.members()) {
            after.put(member.userId(), member.role());
        }
        delta.leaving().forEach(after::remove);
        delta.joining().forEach(joining -> after.put(joining, MemberRole.MEMBER));

        SortedMap<String, MemberRole> changes = new TreeMap<>();
        change.roles().forEach((userId, role) -> {
            MemberRole current = after.get(userId);
            if (current == null) {
                throw InvalidRequestException.of(
                        "roles." + userId, "is not a member of the chat, nor added by this change");
            }
            if (current == role) {
                return;
            }
            if (caller == MemberRole.MEMBER) {
                throw new ChangeNotAllowedException("only owners and admins may change roles");
            }
            if (caller == MemberRole.ADMIN && (role == MemberRole.OWNER || current == MemberRole.OWNER)) {
                throw new ChangeNotAllowedException("only owners may make or unmake owners");
            }
            after.put(userId, role);
            changes.put(userId, role);
        });
        delta.joining().forEach(joining -> {
            if (after.get(joining) != MemberRole.MEMBER) {
                changes.put(joining, after.get(joining));
            }
        });

        if (!after.isEmpty() && !after.containsValue(MemberRole.OWNER)) {
            heir(locked, after).ifPresent(heir -> changes.put(heir, MemberRole.OWNER));
        }
        return changes;
    }

    /**
     * The longest-standing admin who stays, else the longest-standing member who stays; owners who stepped down with
     * this change come last (stepping down hands ownership on), and members joining with this change after everyone
     * who was there before.
     */
    private static Optional<String> heir(LockedChat locked, Map<String, MemberRole> after) {
        Comparator<Member> seniority = Comparator.comparing(Member::joinedAt).thenComparing(Member::userId);
        List<Member> staying = locked.members().stream()
                .filter(member -> after.containsKey(member.userId()))
                .toList();
        Optional<Member> heir = staying.stream()
                .filter(member -> after.get(member.userId()) == MemberRole.ADMIN)
                .min(seniority)
                .or(() -> staying.stream()
                        .filter(member -> member.role() != MemberRole.OWNER)
                        .min(seniority))
                .or(() -> staying.stream().min(seniority));
        if (heir.isPresent()) {
            return heir.map(Member::userId);
        }
        // Only new members stay: the first of them by id (they all joined now).
        return after.keySet().stream().sorted().findFirst();
    }

    private static String article(MemberRole role) {
        return role == MemberRole.ADMIN ? "an admin" : "an owner";
    }
}
