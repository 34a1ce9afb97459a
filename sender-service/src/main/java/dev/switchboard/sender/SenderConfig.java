package dev.switchboard.sender;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** Settings of the sender as a whole (switchboard.*); each feature has its own mapping below this prefix. */
@ConfigMapping(prefix = "switchboard")
public interface SenderConfig {

    /** Name of this instance in logs and in the outbox-relay health data. */
    @WithDefault("${HOSTNAME:sender}")
    @NotBlank
    String instanceId();

    /**
     * Redis channel = this prefix + event name + partition tag (switchboard:messageAdded:{p7.1k} ...); receivers must
     * use the same prefix.
     */
    @WithDefault("switchboard:")
    @NotBlank
    String channelPrefix();

    /**
     * Number of partitions: every event of a chat travels in its chat's partition (channel tag, relay lock). Fixed for
     * a deployment: the first sender records it in PostgreSQL, and a sender configured otherwise refuses to start.
     * Receivers must use the same number.
     */
    @WithDefault("64")
    @Min(value = 1, message = "switchboard.partitions must be at least 1")
    @Max(value = 4096, message = "switchboard.partitions must be at most 4096")
    int partitions();
}
