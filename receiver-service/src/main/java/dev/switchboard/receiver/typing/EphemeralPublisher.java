package dev.switchboard.receiver.typing;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The seam between typing and the transport: publish an event that is never stored, at most once per gate. The
 * gate is a key that lives for {@code gate}: while it exists, nothing else with the same key is published, whichever
 * receiver asks. One Redis implementation per topology ({@link RedisEphemeralPublishers}).
 */
public interface EphemeralPublisher {

    /**
     * @param partition the partition of the event's chat (where its channel and gate live)
     * @return true when published, false when the gate was closed (something with the same key went out within it)
     */
    CompletionStage<Boolean> publish(int partition, String gateKey, Duration gate, String channel, String payload);
}
