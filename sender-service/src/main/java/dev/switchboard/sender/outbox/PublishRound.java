package dev.switchboard.sender.outbox;

import io.vertx.redis.client.impl.types.ErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One round of the relay against Redis, and what became of each row. Kept apart from the relay's loop so that
 * the rules below can be tested without servers.
 * <p>
 * Rows Redis refused before ({@code attempts > 0}) go first, each on its own; the rest go in one pipelined batch.
 * If Redis answers the batch with an error reply, it has refused some PUBLISH in it (and executed the others), so
 * the batch is repeated one row at a time to find which: the others are published a second time, which the
 * at-least-once contract allows (clients de-duplicate by event id).
 * <p>
 * A failure counts against a row ("blamed") only when it is Redis refusing that row's PUBLISH: an error reply
 * that is not about the server's state. Transport failures, timeouts and state errors (LOADING, BUSY, OOM...) end
 * the round and count against nobody: the relay retries with backoff and never dead-letters for them. And when
 * nothing at all went through in a round, only the oldest refused row is blamed: a Redis that refuses everything
 * (say an ACL mistake) then gives up at most one row per round, not the whole backlog.
 */
final class PublishRound {

    /** Blocking access to Redis for one round; each call throws when Redis did not take the PUBLISH(es). */
    interface Publisher {
        void publishAll(List<OutboxRow> rows);

        void publish(OutboxRow row);
    }

    /** A row Redis refused, and why. */
    record Refusal(OutboxRow row, Throwable error) {}

    /**
     * @param published rows Redis took: delete them
     * @param blamed    refusals that count as an attempt against their row
     * @param unblamed  refusals that do not (nothing else went through in this round)
     * @param failed    rows tried in a failed pipelined batch or single PUBLISH that was not a refusal (for metrics)
     * @param failure   what ended the round early (Redis down, timeout, a state error); null when it ran through
     */
    record Outcome(
            List<OutboxRow> published,
            List<Refusal> blamed,
            List<Refusal> unblamed,
            List<OutboxRow> failed,
            RuntimeException failure) {

        boolean refusedAny() {
            return !blamed.isEmpty() || !unblamed.isEmpty();
        }
    }

    /** Error reply prefixes that describe the server's state, not the command: never a row's fault. */
    static final Set<String> SERVER_STATE_ERRORS = Set.of(
            "LOADING",
            "BUSY",
            "OOM",
            "READONLY",
            "MASTERDOWN",
            "TRYAGAIN",
            "CLUSTERDOWN",
            "MISCONF",
            "NOAUTH",
            "WRONGPASS",
            "NOREPLICAS",
            "MOVED",
            "ASK");

    private PublishRound() {}

    static Outcome run(List<OutboxRow> rows, Publisher redis) {
        List<OutboxRow> published = new ArrayList<>(rows.size());
        List<Refusal> refused = new ArrayList<>();
        List<OutboxRow> failed = new ArrayList<>();
        List<OutboxRow> fresh = new ArrayList<>(rows.size());
        RuntimeException failure = null;
        for (OutboxRow row : rows) {
            if (row.attempts() == 0) {
                fresh.add(row);
                continue;
            }
            failure = publishAlone(row, redis, published, refused, failed);
            if (failure != null) {
                break;
            }
        }
        if (failure == null && !fresh.isEmpty()) {
            try {
                redis.publishAll(fresh);
                published.addAll(fresh);
            } catch (RuntimeException e) {
                if (!isRefusal(e)) {
                    failed.addAll(fresh);
                    failure = e;
                } else {
                    for (OutboxRow row : fresh) {
                        failure = publishAlone(row, redis, published, refused, failed);
                        if (failure != null) {
                            break;
                        }
                    }
                }
            }
        }
        List<Refusal> blamed;
        if (!published.isEmpty()) {
            blamed = refused;
        } else if (failure == null && !refused.isEmpty()) {
            blamed = List.of(refused.getFirst());
        } else {
            blamed = List.of();
        }
        List<Refusal> unblamed =
                refused.stream().filter(r -> !blamed.contains(r)).toList();
        return new Outcome(published, List.copyOf(blamed), unblamed, failed, failure);
    }

    /** @return the failure that ends the round, or null */
    private static RuntimeException publishAlone(
            OutboxRow row, Publisher redis, List<OutboxRow> published, List<Refusal> refused, List<OutboxRow> failed) {
        try {
            redis.publish(row);
            published.add(row);
            return null;
        } catch (RuntimeException e) {
            failed.add(row);
            if (isRefusal(e)) {
                refused.add(new Refusal(row, e));
                return null;
            }
            return e;
        }
    }

    /** Redis answered this command with an error about the command itself (NOPERM, ERR ...). */
    static boolean isRefusal(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ErrorType reply) {
                String message = reply.getMessage() == null ? "" : reply.getMessage();
                int space = message.indexOf(' ');
                String code = space < 0 ? message : message.substring(0, space);
                return !SERVER_STATE_ERRORS.contains(code);
            }
        }
        return false;
    }
}
