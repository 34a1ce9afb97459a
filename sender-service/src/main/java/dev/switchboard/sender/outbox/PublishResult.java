package dev.switchboard.sender.outbox;

/** What became of one outbox row handed to an {@link EventPublisher}. */
public sealed interface PublishResult {

    PublishResult PUBLISHED = new Published();

    /** Subscribers get (or got) it: the row can be deleted. */
    record Published() implements PublishResult {}

    /**
     * The transport refused this row's event itself, for a reason of the row's own (a channel it may not publish
     * to, a payload it will not take): counts as an attempt against the row, and enough of them dead-letter it.
     */
    record Refused(Throwable cause) implements PublishResult {}

    /** Not published for a reason that is not the row's (transport down, timed out, busy): try again later. */
    record Failed(Throwable cause) implements PublishResult {}

    /**
     * Not published, and never will be by this relay: a relay with a newer epoch has published the partition. The
     * row stays for the partition's new owner; the relay lets the partition go.
     */
    record Fenced(long newerEpoch) implements PublishResult {}
}
