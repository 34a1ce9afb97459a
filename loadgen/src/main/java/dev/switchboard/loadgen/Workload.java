package dev.switchboard.loadgen;

/** What the simulated users do; see {@link ChatPlanner} for the chats each one creates. */
public enum Workload {
    /** 1:1 chats: users paired up, each message reaches two connections. */
    DIRECT,
    /** Chats of {@code --group-size} members: each message fans out to a group. */
    GROUPS,
    /** One chat of {@code --group-size} members: every message fans out to all of them. */
    BROADCAST,
    /**
     * 1:1 chats of bystanders, measured as {@link #DIRECT}, while one abusive user floods big chats of made-up
     * members with big messages ({@code --flood-*}): how much one user can delay everyone else.
     */
    FLOOD,
    /** No chats, no messages: hold the connections and report the receivers' memory. */
    IDLE;

    /** The name used on the command line and in the result files. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean sendsMessages() {
        return this != IDLE;
    }
}
