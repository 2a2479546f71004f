package io.rootscope.backend.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rootscope.backend.etl.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatenessBoundsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final LatenessBounds bounds = new LatenessBounds(Duration.ofMinutes(60), new MutableClock(NOW));

    @Test
    void takesTimesFromTheHorizonToTheFutureToleranceInclusive() {
        assertNull(bounds.problem(nanos(NOW.minus(Duration.ofMinutes(60)))));
        assertNull(bounds.problem(nanos(NOW)));
        assertNull(bounds.problem(nanos(NOW.plus(LatenessBounds.FUTURE_TOLERANCE))));
    }

    @Test
    void refusesTimesPastEitherBoundSayingWhichAndByHowMuch() {
        assertEquals("61 minutes old, beyond the lateness horizon of 60 minutes", bounds.problem(nanos(NOW.minus(Duration.ofMinutes(61)))));
        assertEquals("60 minutes old, beyond the lateness horizon of 60 minutes", bounds.problem(nanos(NOW.minus(Duration.ofMinutes(60)).minusNanos(1))));
        assertEquals("more than 10 minutes ahead of the server's clock (2026-11-22T12:00:00Z)",
                bounds.problem(nanos(NOW.plus(LatenessBounds.FUTURE_TOLERANCE).plusNanos(1000))));
        assertEquals("1440 minutes old, beyond the lateness horizon of 60 minutes", bounds.problem(nanos(NOW.minus(Duration.ofDays(1)))));
    }

    @Test
    void theHorizonIsAtLeastAMinute() {
        assertThrows(IllegalArgumentException.class, () -> new LatenessBounds(Duration.ofSeconds(59), Clock.systemUTC()));
    }

    @Test
    void theHorizonIsAtMostADayAsStagedRowsAreKeptTwo() {
        assertThrows(IllegalArgumentException.class, () -> new LatenessBounds(LatenessBounds.HORIZON_MAX.plusMinutes(1), Clock.systemUTC()));
    }

    @Test
    void theClockIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new LatenessBounds(LatenessBounds.HORIZON_DEFAULT, null));
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
