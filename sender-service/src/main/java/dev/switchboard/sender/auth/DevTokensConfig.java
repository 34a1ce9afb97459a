package dev.switchboard.sender.auth;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/** switchboard.dev-tokens.*: the development-only token endpoint. */
@ConfigMapping(prefix = "switchboard.dev-tokens")
public interface DevTokensConfig {

    boolean enabled();

    /** PEM PKCS#8 RSA private key; required when enabled, never defaulted. */
    Optional<String> signingKeyLocation();

    Duration maxTtl();

    Duration defaultTtl();
}
