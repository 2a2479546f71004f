package io.rootscope.backend.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.rca.NormalPeriod.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which time an incident's diagnosis takes as normal, given the tenant's earlier incidents. */
class NormalPeriodTest {

    private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration LOOKBACK = Duration.ofMinutes(20);

    private static Instant minutesBefore(long minutes) {
        return START.minus(Duration.ofMinutes(minutes));
    }

    private static TimeRange range(long fromMinutesBefore, long toMinutesBefore) {
        return new TimeRange(minutesBefore(fromMinutesBefore), minutesBefore(toMinutesBefore));
    }

    @Test
    void withoutEarlierIncidentsInTheLookbackTheNormalPeriodIsTheLookback() {
        assertEquals(NormalPeriod.plain(START, LOOKBACK), NormalPeriod.choose(START, LOOKBACK, List.of()));
        // One that ended before the lookback began changes nothing.
        assertEquals(NormalPeriod.plain(START, LOOKBACK), NormalPeriod.choose(START, LOOKBACK, List.of(range(40, 25))));
    }

    @Test
    void anEarlierIncidentIsLeftOutAndThePeriodReachesBackAsFarAsItLasted() {
        NormalPeriod normal = NormalPeriod.choose(START, LOOKBACK, List.of(range(12, 7)));
        assertEquals(minutesBefore(25), normal.from(), "20 minutes of clean time: 7 after the incident, 13 before it");
        assertEquals(List.of(range(12, 7)), normal.excluded());
        assertTrue(normal.excludes(minutesBefore(10).toEpochMilli()));
        assertFalse(normal.excludes(minutesBefore(7).toEpochMilli()), "the end is not excluded (half-open)");
        assertFalse(normal.excludes(minutesBefore(13).toEpochMilli()));
    }

    @Test
    void overlappingIncidentsAreOneExcludedRangeAndOnlyThoseInsideThePeriodAreListed() {
        NormalPeriod normal = NormalPeriod.choose(START, LOOKBACK, List.of(range(5, 3), range(12, 8), range(9, 4), range(50, 45)));
        assertEquals(List.of(range(12, 3)), normal.excluded());
        assertEquals(minutesBefore(29), normal.from());
    }

    @Test
    void theReachIsBoundedAndTooLittleCleanTimeKeepsThePlainLookback() {
        // 60 minutes may be searched: clean are the last 2 and 12 between the incidents, 14 in all.
        NormalPeriod normal = NormalPeriod.choose(START, LOOKBACK, List.of(range(16, 2), range(70, 28)));
        assertEquals(minutesBefore(28), normal.from(), "the reach ends in the older incident: the period begins at its end");
        assertEquals(List.of(range(16, 2)), normal.excluded());
        // Only 8 clean minutes (less than half a lookback): the plain lookback is kept.
        assertEquals(NormalPeriod.plain(START, LOOKBACK), NormalPeriod.choose(START, LOOKBACK, List.of(range(18, 2), range(70, 24))));
    }

    @Test
    void anIncidentEndingAtTheAnomalyStartIsClippedToIt() {
        NormalPeriod normal = NormalPeriod.choose(START, LOOKBACK, List.of(new TimeRange(minutesBefore(3), START.plusSeconds(30))));
        assertEquals(List.of(range(3, 0)), normal.excluded());
        assertEquals(minutesBefore(23), normal.from());
    }

    @Test
    void aRangeMustEndAfterItStarts() {
        assertThrows(IllegalArgumentException.class, () -> new TimeRange(START, START));
    }
}
