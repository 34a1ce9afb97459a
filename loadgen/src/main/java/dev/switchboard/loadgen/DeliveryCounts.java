package dev.switchboard.loadgen;

/**
 * Delivery accounting over every (member connection, chat) pair of the run, warm-up included.
 *
 * @param expected                 acknowledged (2xx) messages times the member connections of their chat
 * @param delivered                distinct messages received, summed over connections
 * @param lost                     expected but never received at that connection
 * @param duplicates               a message received again at the same connection
 * @param outOfOrder               a message whose seq was below the last one that connection saw in that chat
 * @param deliveredUnacknowledged  received although its send got no 2xx answer (timed out or failed after the
 *                                 commit): not an error of the system, but not expected either
 * @param foreign                  {@code messageAdded} frames of other runs, unknown chats or non-member connections
 */
public record DeliveryCounts(
        long expected,
        long delivered,
        long lost,
        long duplicates,
        long outOfOrder,
        long deliveredUnacknowledged,
        long foreign) {

    /** Every acknowledged message reached every member connection exactly once, in order. */
    public boolean clean() {
        return lost == 0 && duplicates == 0 && outOfOrder == 0;
    }
}
