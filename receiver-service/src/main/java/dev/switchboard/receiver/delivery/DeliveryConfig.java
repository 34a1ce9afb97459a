package dev.switchboard.receiver.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** switchboard.delivery.*: what one connection may make this instance hold. */
@ConfigMapping(prefix = "switchboard.delivery")
public interface DeliveryConfig {

    /**
     * Frames written to one connection and not yet handed to the network. Beyond this the client is not
     * reading fast enough; it is closed (1013) so that it reconnects and catches up from history instead of
     * making this instance buffer without bound.
     */
    @WithDefault("1024")
    @Min(1)
    int maxPendingFrames();

    /**
     * Bytes written to one connection and not yet taken by the operating system, every frame counted (events and
     * the answers to the client's own frames alike). Beyond this the connection is closed (1013) like a slow
     * consumer, so that one client can never make this instance hold more than this for it.
     */
    @WithDefault("1048576")
    @Min(1024)
    int maxPendingBytes();
}
