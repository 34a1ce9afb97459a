package dev.switchboard.sender;

import io.smallrye.config.ConfigMapping;

/** Settings of the sender as a whole (switchboard.*); each feature has its own mapping below this prefix. */
@ConfigMapping(prefix = "switchboard")
public interface SenderConfig {

    /** Name of this instance in logs and health data. */
    String instanceId();

    /** Redis channel name = prefix + event name. */
    String channelPrefix();
}
