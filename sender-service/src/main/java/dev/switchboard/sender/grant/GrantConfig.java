package dev.switchboard.sender.grant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * switchboard.grants.*: the membership grants senders sign and receivers verify (typing and presence), so a receiver
 * knows a client is a chat's member without a database. The same secret on every sender and receiver.
 */
@ConfigMapping(prefix = "switchboard.grants")
public interface GrantConfig {

    /** HMAC-SHA256 secret, at least 32 bytes. Unset: no grants are issued, so typing is off (fail closed). */
    Optional<String> secret();

    /** Most users one presence grant may name (the members of the chat on screen, say). */
    @WithDefault("200")
    @jakarta.validation.constraints.Min(1)
    @jakarta.validation.constraints.Max(1000)
    int presenceMaxUsers();

    /**
     * How long a grant holds; a client asks for a fresh one before it runs out. At most an hour: receivers refuse a
     * grant that lives longer, since they remember a member's removal (which voids the grants issued before it) for
     * about that long.
     */
    @WithDefault("10m")
    @DurationMin(minutes = 1)
    @DurationMax(hours = 1)
    Duration ttl();
}
