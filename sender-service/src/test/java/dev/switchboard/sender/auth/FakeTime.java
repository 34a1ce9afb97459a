package dev.switchboard.sender.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Caffeine's ticker and the wall clock in one, moved by hand. {@link #advance} moves both, as time passing does;
 * {@link #stepWallClock} moves only the wall clock, as an NTP correction does.
 */
final class FakeTime extends Clock implements Ticker {

    private final Instant start;
    private long elapsedNanos;
    private Duration wallClockStep = Duration.ZERO;

    FakeTime(Instant start) {
        this.start = start;
    }

    void advance(Duration duration) {
        elapsedNanos += duration.toNanos();
    }

    void stepWallClock(Duration step) {
        wallClockStep = wallClockStep.plus(step);
    }

    @Override
    public long read() {
        return elapsedNanos;
    }

    @Override
    public Instant instant() {
        return start.plusNanos(elapsedNanos).plus(wallClockStep);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
