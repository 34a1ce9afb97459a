package dev.switchboard.sender.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that each start from a fresh {@link ChatScene}: an {@link EventLog} already listening, fresh
 * users and maybe a chat. The subclass says which scene; JUnit runs this {@code @BeforeEach} before the subclass's
 * own, so the scene is there when they run.
 */
public abstract class SceneTest {

    protected ChatScene scene;
    protected EventLog events;

    /** The scene of each test, e.g. {@code ChatScene.withChat("alice", "bob")}. */
    protected abstract ChatScene openScene();

    @BeforeEach
    void openTheScene() {
        scene = openScene();
        events = scene.events();
    }

    @AfterEach
    void closeTheScene() {
        scene.close();
    }
}
