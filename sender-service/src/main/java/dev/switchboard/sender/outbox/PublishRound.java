package dev.switchboard.sender.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * One round of the relay, and what became of each row: the relay's policy, whatever the transport. Kept apart from
 * the relay's loop so that the rules below can be tested without servers.
 * <p>
 * Rows the transport refused before ({@code attempts > 0}) go first, each on its own, so that a poison row never
 * costs the rest of the backlog a second trip; the rest go in one call. A {@link PublishResult.Failed} result ends
 * the round and counts against nobody: the relay retries with backoff and never dead-letters for it. A
 * {@link PublishResult.Refused} one counts against its row ("blamed"), except when nothing at all went through in a
 * round: then only the oldest refused row is blamed, so a transport that refuses everything (say an ACL mistake)
 * gives up at most one row per round, not the whole backlog. A {@link PublishResult.Fenced} result ends the round too:
 * the partition has a newer owner, whose rows these now are.
 */
final class PublishRound {

    /** Blocking access to the transport for one round; a throw means every row of the call failed. */
    @FunctionalInterface
    interface Transport {
        List<PublishResult> publish(List<OutboxRow> rows);
    }

    /** A row the transport refused, and why. */
    record Refusal(OutboxRow row, Throwable error) {}

    /**
     * @param published rows the transport took: delete them
     * @param blamed    refusals that count as an attempt against their row
     * @param unblamed  refusals that do not (nothing else went through in this round)
     * @param failed    rows refused or failed in this round (for metrics)
     * @param failure   what ended the round early (transport down, timeout, a state error); null when it ran through
     * @param fenced    whether a newer epoch has published the partition (nothing more may be published under ours)
     * @param fence     that newer epoch, when fenced
     */
    record Outcome(
            List<OutboxRow> published,
            List<Refusal> blamed,
            List<Refusal> unblamed,
            List<OutboxRow> failed,
            RuntimeException failure,
            boolean fenced,
            long fence) {

        boolean refusedAny() {
            return !blamed.isEmpty() || !unblamed.isEmpty();
        }
    }

    private PublishRound() {}

    static Outcome run(List<OutboxRow> rows, Transport transport) {
        Tally tally = new Tally(rows.size());
        List<OutboxRow> fresh = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            if (row.attempts() == 0) {
                fresh.add(row);
            } else if (!tally.add(List.of(row), call(transport, List.of(row)))) {
                return tally.outcome();
            }
        }
        if (!fresh.isEmpty()) {
            tally.add(fresh, call(transport, fresh));
        }
        return tally.outcome();
    }

    private static List<PublishResult> call(Transport transport, List<OutboxRow> rows) {
        try {
            List<PublishResult> results = transport.publish(rows);
            if (results.size() != rows.size()) {
                throw new IllegalStateException(
                        "the transport answered " + results.size() + " results for " + rows.size() + " rows");
            }
            return results;
        } catch (RuntimeException e) {
            List<PublishResult> failed = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                failed.add(new PublishResult.Failed(e));
            }
            return failed;
        }
    }

    /** The results of a round so far. */
    private static final class Tally {
        final List<OutboxRow> published;
        final List<Refusal> refused = new ArrayList<>();
        final List<OutboxRow> failed = new ArrayList<>();
        RuntimeException failure;
        boolean fenced;
        long fence;

        Tally(int size) {
            published = new ArrayList<>(size);
        }

        /** @return false when a failure ended the round */
        boolean add(List<OutboxRow> rows, List<PublishResult> results) {
            for (int i = 0; i < rows.size(); i++) {
                OutboxRow row = rows.get(i);
                switch (results.get(i)) {
                    case PublishResult.Published p -> published.add(row);
                    case PublishResult.Refused r -> {
                        failed.add(row);
                        refused.add(new Refusal(row, r.cause()));
                    }
                    case PublishResult.Failed f -> {
                        failed.add(row);
                        if (failure == null) {
                            failure = f.cause() instanceof RuntimeException runtime
                                    ? runtime
                                    : new CompletionException(f.cause());
                        }
                    }
                    case PublishResult.Fenced f -> {
                        fenced = true;
                        fence = Math.max(fence, f.newerEpoch());
                    }
                }
            }
            return failure == null && !fenced;
        }

        Outcome outcome() {
            List<Refusal> blamed;
            if (!published.isEmpty()) {
                blamed = refused;
            } else if (failure == null && !fenced && !refused.isEmpty()) {
                blamed = List.of(refused.getFirst());
            } else {
                blamed = List.of();
            }
            List<Refusal> unblamed =
                    refused.stream().filter(r -> !blamed.contains(r)).toList();
            return new Outcome(published, List.copyOf(blamed), unblamed, failed, failure, fenced, fence);
        }
    }
}
