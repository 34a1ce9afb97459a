package dev.switchboard.sender.testing;

/** Base of the tests that each start from a fresh chat of alice and bob with an {@link EventLog} already listening. */
public abstract class AliceAndBobChat extends SceneTest {

    protected String alice;
    protected String bob;
    protected String chatId;

    @Override
    protected ChatScene openScene() {
        ChatScene chat = ChatScene.withChat("alice", "bob");
        alice = chat.user("alice");
        bob = chat.user("bob");
        chatId = chat.chatId();
        return chat;
    }
}
