package dev.switchboard.receiver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;

/** Settings of the receiver as a whole (switchboard.*); each feature has its own mapping below this prefix. */
@ConfigMapping(prefix = "switchboard")
public interface ReceiverConfig {

    /** This instance's name: in logs, health data and the welcome frame ({@code receiverId}). */
    @WithDefault("${HOSTNAME:receiver}")
    @NotBlank
    String instanceId();

    /** Redis channel name = prefix + event name; must equal the senders' prefix. */
    @WithDefault("switchboard:")
    @NotBlank
    String channelPrefix();
}
