package dev.switchboard.sender;

import io.smallrye.config.ConfigMapping;

/** The configurable limits of the contract (switchboard.limits.*). */
@ConfigMapping(prefix = "switchboard.limits")
public interface LimitsConfig {

    int contentMaxBytes();

    int chatNameMaxLength();

    int chatMaxMembers();

    int clientMessageIdMaxLength();

    int pageDefaultLimit();

    int pageMaxLimit();
}
