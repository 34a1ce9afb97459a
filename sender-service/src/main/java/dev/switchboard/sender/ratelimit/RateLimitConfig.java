package dev.switchboard.sender.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * switchboard.rate-limit.*: token buckets per user (and per chat for sends), shared by every sender through Redis.
 * Each limit is a rate per minute and a burst: a client may do {@code burst} at once, then one per
 * {@code 60 s / per-minute}. Over it the call answers 429 with Retry-After.
 */
@ConfigMapping(prefix = "switchboard.rate-limit")
public interface RateLimitConfig {

    /** Off: no limit is checked (for a trusted, internal deployment only). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Longest wait for Redis' answer to a limit check; beyond it (or with Redis down) this instance decides with
     * buckets of its own, so requests keep working and each sender allows the full rate on its own.
     */
    @WithDefault("50ms")
    @DurationMin(millis = 1)
    Duration redisTimeout();

    /** Most per-instance fallback buckets held (least recently used go first). */
    @WithDefault("100000")
    @Min(1)
    int localMaxBuckets();

    /** Sends per user per minute. */
    @WithDefault("600")
    @Min(1)
    int sendPerMinute();

    @WithDefault("30")
    @Min(1)
    int sendBurst();

    /** Sends into one chat per minute, all its members together. */
    @WithDefault("1200")
    @Min(1)
    int chatSendPerMinute();

    @WithDefault("40")
    @Min(1)
    int chatSendBurst();

    /** Message edits per user per minute. */
    @WithDefault("120")
    @Min(1)
    int editPerMinute();

    @WithDefault("20")
    @Min(1)
    int editBurst();

    /** Message deletes per user per minute. */
    @WithDefault("120")
    @Min(1)
    int deletePerMinute();

    @WithDefault("20")
    @Min(1)
    int deleteBurst();

    /** Read marks per user per minute. */
    @WithDefault("600")
    @Min(1)
    int readPerMinute();

    @WithDefault("60")
    @Min(1)
    int readBurst();

    /** Delivery acknowledgements (POST .../delivered) per user per minute. */
    @WithDefault("600")
    @Min(1)
    int deliveredPerMinute();

    @WithDefault("60")
    @Min(1)
    int deliveredBurst();

    /** Chats a user may create per minute. */
    @WithDefault("10")
    @Min(1)
    int chatCreatePerMinute();

    @WithDefault("20")
    @Min(1)
    int chatCreateBurst();

    /** Changes of a chat (name, members, roles) per user per minute. */
    @WithDefault("30")
    @Min(1)
    int chatChangePerMinute();

    @WithDefault("10")
    @Min(1)
    int chatChangeBurst();
}
