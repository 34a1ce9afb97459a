package dev.switchboard.sender;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;

/** Settings of the sender as a whole (switchboard.*); each feature has its own mapping below this prefix. */
@ConfigMapping(prefix = "switchboard")
public interface SenderConfig {

    /** Name of this instance in logs and in the outbox-relay health data. */
    @WithDefault("${HOSTNAME:sender}")
    @NotBlank
    String instanceId();

    /** Redis channel = this prefix + event name (switchboard:messageAdded ...); receivers must use the same prefix. */
    @WithDefault("switchboard:")
    @NotBlank
    String channelPrefix();
}
