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
     * Not published: a newer epoch has published the partition. The row stays; a relay that still holds the partition's
     * lock raises its epoch past the fence, one that lost it starts over.
     */
    record Fenced(long newerEpoch) implements PublishResult {}
}
