package dev.switchboard.receiver.typing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** switchboard.typing.*: typing indicators, and the chats a connection may watch. */
@ConfigMapping(prefix = "switchboard.typing")
public interface TypingConfig {

    /**
     * At most one "typing" per user per chat per interval reaches Redis, whatever their connections and receivers
     * (and at most one "stopped"); a client keeps sending while the user types, the rest is dropped.
     */
    @WithDefault("3s")
    @DurationMin(millis = 500)
    @DurationMax(seconds = 60)
    Duration interval();

    /**
     * How long an indicator shows without a renewal ({@code until} = now + this): a client that stops typing without
     * a stop frame, disconnects, or whose receiver dies stops showing as typing within this time.
     */
    @WithDefault("6s")
    @DurationMin(seconds = 1)
    @DurationMax(seconds = 60)
    Duration timeout();

    /** Most chats one connection may watch at once (each watch holds a grant and gets the chat's typing). */
    @WithDefault("20")
    @Min(1)
    @Max(200)
    int maxWatchedChats();

    @AssertTrue(message = "switchboard.typing.timeout must be at least switchboard.typing.interval")
    default boolean isTimeoutAtLeastTheInterval() {
        return timeout().compareTo(interval()) >= 0;
    }
}
