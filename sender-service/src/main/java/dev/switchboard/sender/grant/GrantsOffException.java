package dev.switchboard.sender.grant;

import dev.switchboard.sender.problem.ClientProblem;

/** Grants asked for on a deployment without {@code switchboard.grants.secret}: 404, like any feature that is off. */
public class GrantsOffException extends ClientProblem {

    public GrantsOffException() {
        super(404, "typing is off on this deployment (switchboard.grants.secret is not set)");
    }
}
