package dev.switchboard.receiver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** Settings of the receiver as a whole (switchboard.*); each feature has its own mapping below this prefix. */
@ConfigMapping(prefix = "switchboard")
public interface ReceiverConfig {

    /** This instance's name: in logs, health data and the welcome frame ({@code receiverId}). */
    @WithDefault("${HOSTNAME:receiver}")
    @NotBlank
    String instanceId();

    /** Redis channel name = prefix + event name + partition tag; must equal the senders' prefix. */
    @WithDefault("switchboard:")
    @NotBlank
    String channelPrefix();

    /** Partitions of the deployment: the receiver subscribes to every partition's channels. Must equal the senders'. */
    @WithDefault("64")
    @Min(value = 1, message = "switchboard.partitions must be at least 1")
    @Max(value = 4096, message = "switchboard.partitions must be at most 4096")
    int partitions();
}
