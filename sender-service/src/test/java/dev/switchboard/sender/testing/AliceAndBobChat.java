package dev.switchboard.sender.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that each start from a fresh chat of alice and bob with an {@link EventLog} already listening.
 * JUnit runs this {@code @BeforeEach} before the subclass's own.
 */
public abstract class AliceAndBobChat {

    protected ChatScene scene;
    protected EventLog events;
    protected String alice;
    protected String bob;
    protected String chatId;

    @BeforeEach
    void chatOfAliceAndBob() {
        scene = ChatScene.withChat("alice", "bob");
        events = scene.events();
        alice = scene.user("alice");
        bob = scene.user("bob");
        chatId = scene.chatId();
    }

    @AfterEach
    void unsubscribe() {
        scene.close();
    }
}
