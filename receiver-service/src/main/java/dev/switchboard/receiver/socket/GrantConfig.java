package dev.switchboard.receiver.socket;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** switchboard.grants.*: the secret senders sign membership grants with (the same on every sender and receiver). */
@ConfigMapping(prefix = "switchboard.grants")
public interface GrantConfig {

    /** HMAC-SHA256 secret, at least 32 bytes. Unset: every watch frame is refused, so typing is off (fail closed). */
    Optional<String> secret();
}
