package dev.switchboard.sender.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserIdsTest {

    @Test
    void acceptsTheContractAlphabetUpTo64Characters() {
        assertTrue(UserIds.isValid("alice"));
        assertTrue(UserIds.isValid("a.b_c@d-e.F9"));
        assertTrue(UserIds.isValid("x".repeat(64)));
    }

    @Test
    void rejectsEverythingElse() {
        assertFalse(UserIds.isValid(null));
        assertFalse(UserIds.isValid(""));
        assertFalse(UserIds.isValid("x".repeat(65)));
        assertFalse(UserIds.isValid("al ice"));
        assertFalse(UserIds.isValid("alice/bob"));
        assertFalse(UserIds.isValid("élise"));
    }
}
