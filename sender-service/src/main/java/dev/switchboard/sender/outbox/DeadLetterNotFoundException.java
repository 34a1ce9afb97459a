package dev.switchboard.sender.outbox;

import dev.switchboard.sender.problem.ClientProblem;

/** No dead-lettered outbox row with this id (never was one, or it was retried already). */
public class DeadLetterNotFoundException extends ClientProblem {

    public DeadLetterNotFoundException(String id) {
        super(404, "no dead-lettered outbox row " + id);
    }
}
