package dev.switchboard.sender.receipt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** switchboard.receipts.*: delivery receipts and how they are coalesced in large chats. */
@ConfigMapping(prefix = "switchboard.receipts")
public interface ReceiptConfig {

    /**
     * Chats with more members than this get at most one messageDeliveredUpdated per {@link #coalesceInterval()},
     * carrying every mark that moved; smaller chats get one per moved mark, at once.
     */
    @WithDefault("32")
    @Min(1)
    int coalesceAboveMembers();

    /** Longest a moved mark in a large chat waits for its event, and the least time between two of a chat's. */
    @WithDefault("1s")
    @DurationMin(millis = 50)
    @DurationMax(minutes = 1)
    Duration coalesceInterval();

    /** Most member marks one coalesced event lists; more are counted in its marksOmitted. */
    @WithDefault("50")
    @Min(1)
    @Max(1000)
    int maxMarksPerEvent();

    /** Most chats one sender flushes per look (each in its own transaction); the rest wait for its next look. */
    @WithDefault("100")
    @Min(1)
    @Max(10000)
    int flushBatch();
}
