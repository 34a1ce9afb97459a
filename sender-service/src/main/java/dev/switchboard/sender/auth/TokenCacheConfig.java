package dev.switchboard.sender.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * switchboard.auth.token-cache.*: tokens that verified once are served from a cache until they would stop being
 * valid ({@code exp} plus {@code mp.jwt.verify.clock.skew}), so a client's every request does not pay for RS256
 * verification again. A token that fails verification is never cached.
 */
@ConfigMapping(prefix = "switchboard.auth.token-cache")
public interface TokenCacheConfig {

    /** Off: every request verifies its token in full. */
    @WithDefault("true")
    boolean enabled();

    /** Most tokens held, about 2 KiB of heap each; beyond it the least used are evicted. */
    @WithDefault("10000")
    @Min(1)
    long maxSize();

    /** Longest a token stays cached, however much later it expires. */
    @WithDefault("5m")
    @DurationMin(millis = 1)
    Duration maxAge();
}
