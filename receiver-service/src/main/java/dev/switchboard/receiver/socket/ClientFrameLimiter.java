package dev.switchboard.receiver.socket;

import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * How many frames one client may send: a token bucket per connection (Bucket4j), {@code client-frames-per-second}
 * on average and {@code client-frame-burst} at once. A frame over the rate is not handled; the first few of them in
 * a minute are answered with an error frame, and a client that goes on after that is closed (1008). Every client
 * frame costs the server a parse and an answer, so none of that is unbounded.
 */
final class ClientFrameLimiter {

    enum Verdict {
        /** Within the rate: handle the frame. */
        HANDLE,
        /** Over the rate: drop it, answer with a rate_limited error. */
        REFUSE,
        /** Over the rate, and over it too often: close the connection. */
        CLOSE
    }

    private final Bucket frames;
    private final Bucket violations;

    ClientFrameLimiter(SocketConfig config) {
        this.frames = Bucket.builder()
                .addLimit(limit -> limit.capacity(config.clientFrameBurst())
                        .refillGreedy(config.clientFramesPerSecond(), Duration.ofSeconds(1)))
                .build();
        this.violations = Bucket.builder()
                .addLimit(limit -> limit.capacity(config.clientFrameViolationsPerMinute())
                        .refillGreedy(config.clientFrameViolationsPerMinute(), Duration.ofMinutes(1)))
                .build();
    }

    Verdict admit() {
        if (frames.tryConsume(1)) {
            return Verdict.HANDLE;
        }
        return violations.tryConsume(1) ? Verdict.REFUSE : Verdict.CLOSE;
    }
}
