package dev.switchboard.sender.outbox;

/** No dead-lettered outbox row with this id (never was one, or it was retried already). */
public class DeadLetterNotFoundException extends RuntimeException {

    public DeadLetterNotFoundException(String id) {
        super("no dead-lettered outbox row " + id);
    }
}
