package dev.switchboard.sender.grant;

import dev.switchboard.sender.problem.ClientProblem;
import java.util.List;

/** Presence asked of users the caller shares no chat with (403): the privacy rule of presence. */
public class PresenceNotAllowedException extends ClientProblem {

    private static final int NAMED = 20;

    public PresenceNotAllowedException(List<String> strangers) {
        super(
                403,
                "you share no chat with " + strangers.size()
                        + " of these users, so their presence is not yours to see: "
                        + String.join(", ", strangers.subList(0, Math.min(NAMED, strangers.size())))
                        + (strangers.size() > NAMED ? ", ..." : ""));
    }
}
