package dev.switchboard.sender.chat;

import dev.switchboard.sender.problem.ClientProblem;

/** The caller's role does not allow the change (403); the detail says which rule, so a UI can explain it. */
public class ChangeNotAllowedException extends ClientProblem {

    public ChangeNotAllowedException(String rule) {
        super(403, rule);
    }
}
