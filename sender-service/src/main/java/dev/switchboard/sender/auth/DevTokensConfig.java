package dev.switchboard.sender.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * switchboard.dev-tokens.*: {@code POST /api/v1/dev/tokens}, also with {@code "groups":["switchboard-admin"]}.
 * Development only: off by default, since anyone could mint any token, admin included. On only in the local stack
 * and in tests.
 */
@ConfigMapping(prefix = "switchboard.dev-tokens")
public interface DevTokensConfig {

    /** Off: the endpoint answers 404. */
    @WithDefault("false")
    boolean enabled();

    /**
     * PEM (PKCS#8) RSA private key the dev tokens are signed with; required when enabled (DevTokenIssuer refuses to
     * start without it), never defaulted.
     */
    Optional<String> signingKeyLocation();

    /** Longest lifetime a dev token may be asked for. */
    @WithDefault("24h")
    @DurationMin(seconds = 1)
    Duration maxTtl();

    /** Lifetime when the request gives no ttlSeconds. */
    @WithDefault("1h")
    @DurationMin(seconds = 1)
    Duration defaultTtl();

    @AssertTrue(message = "switchboard.dev-tokens.default-ttl must not be above switchboard.dev-tokens.max-ttl")
    default boolean isDefaultTtlWithinTheMaximum() {
        return defaultTtl().compareTo(maxTtl()) <= 0;
    }
}
