package dev.switchboard.sender.testing;

import dev.switchboard.runtime.testing.ConfigMappings;
import dev.switchboard.sender.LimitsConfig;
import java.util.Map;

/**
 * The contract's default limits, read from the mapping as the app reads them (its {@code @WithDefault}s), for unit
 * tests without Quarkus: a new limit needs no change here.
 */
public final class TestLimits {

    public static final LimitsConfig DEFAULTS = ConfigMappings.read(LimitsConfig.class, Map.of());

    private TestLimits() {}
}
