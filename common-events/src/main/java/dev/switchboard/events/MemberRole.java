package dev.switchboard.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a member may do to a chat beyond sending and reading: owners and admins add and remove others and change
 * roles (admins only among members and admins); everyone may leave. The creator starts as the owner.
 */
public enum MemberRole {
    OWNER("owner"),
    ADMIN("admin"),
    MEMBER("member");

    private final String wireName;

    MemberRole(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON and in the database. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    @JsonCreator
    public static MemberRole fromWireName(String name) {
        for (MemberRole role : values()) {
            if (role.wireName.equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("a role is owner, admin or member, not " + name);
    }
}
