package dev.switchboard.receiver.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Records what the router writes; can be told to fail like a broken socket. */
final class FakeRecipient implements Recipient {

    final List<EncodedFrame> frames = new ArrayList<>();
    private final String connectionId;
    private final String userId;
    private boolean broken;
    Integer closedWith;

    FakeRecipient(String connectionId, String userId) {
        this.connectionId = connectionId;
        this.userId = userId;
    }

    FakeRecipient broken() {
        this.broken = true;
        return this;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public void send(EncodedFrame frame) {
        if (broken) {
            throw new IllegalStateException("socket is gone");
        }
        frames.add(frame);
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        closedWith = code;
        return CompletableFuture.completedFuture(null);
    }
}
