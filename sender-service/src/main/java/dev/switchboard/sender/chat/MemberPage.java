package dev.switchboard.sender.chat;

import dev.switchboard.sender.membership.ListedMember;
import java.util.List;

/** {@code {"members":[...],"nextCursor":"..."}}: one page of a chat's members in id order; nextCursor null at the end. */
public record MemberPage(List<ListedMember> members, String nextCursor) {}
