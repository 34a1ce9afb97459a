package dev.switchboard.sender.testing;

import dev.switchboard.sender.LimitsConfig;

/** The contract's default limits, for unit tests that run without Quarkus. */
public record TestLimits(
        int contentMaxBytes,
        int chatNameMaxLength,
        int chatMaxMembers,
        int clientMessageIdMaxLength,
        int pageDefaultLimit,
        int pageMaxLimit)
        implements LimitsConfig {

    public static final TestLimits DEFAULTS = new TestLimits(16384, 200, 1000, 128, 50, 200);
}
