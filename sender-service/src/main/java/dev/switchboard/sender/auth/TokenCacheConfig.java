package dev.switchboard.sender.auth;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** switchboard.auth.token-cache.*: the cache of verified bearer tokens. Meanings in application.properties. */
@ConfigMapping(prefix = "switchboard.auth.token-cache")
public interface TokenCacheConfig {

    /** Off: every request verifies its token in full. */
    boolean enabled();

    /** Most tokens held at once; beyond it the least useful are evicted. */
    long maxSize();

    /** Longest an entry is kept, however much later the token expires. */
    Duration maxAge();
}
