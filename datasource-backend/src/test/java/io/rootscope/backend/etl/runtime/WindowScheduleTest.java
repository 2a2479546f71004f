package io.rootscope.backend.etl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:07:42Z");
    private final WindowSchedule fiveMinutes = new WindowSchedule(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(15), 100);

    @Test
    void firstRunCoversTheLookbackUpToTheLatestWindowPastItsDelay() {
        // 10:07:42 - 30 s = 10:07:12, so the latest due window ends at 10:05.
        assertEquals(List.of(w("09:50", "09:55"), w("09:55", "10:00"), w("10:00", "10:05")), fiveMinutes.dueWindows(null, NOW));
    }

    @Test
    void aWindowIsNotDueBeforeItsDelayHasPassed() {
        Instant justBefore = Instant.parse("2026-11-22T10:05:29Z");
        assertEquals(List.of(), fiveMinutes.dueWindows(Instant.parse("2026-11-22T10:00:00Z"), justBefore));
        assertEquals(List.of(w("10:00", "10:05")), fiveMinutes.dueWindows(Instant.parse("2026-11-22T10:00:00Z"), justBefore.plusSeconds(1)));
    }

    @Test
    void laterRunsContinueFromTheFrontierAndCatchUpAtMostTheCap() {
        WindowSchedule capped = new WindowSchedule(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO, 2);
        assertEquals(List.of(w("09:00", "09:05"), w("09:05", "09:10")), capped.dueWindows(Instant.parse("2026-11-22T09:00:00Z"), NOW));
        assertEquals(List.of(w("10:00", "10:05")), capped.dueWindows(null, NOW), "no lookback: just the latest window");
    }

    @Test
    void splitsAlignedRangesAndRefusesUnalignedEndsNamingThem() {
        assertEquals(List.of(w("10:00", "10:05"), w("10:05", "10:10")), fiveMinutes.split(t("10:00"), t("10:10")));
        IllegalArgumentException from = assertThrows(IllegalArgumentException.class, () -> fiveMinutes.split(t("10:01"), t("10:10")));
        assertTrue(from.getMessage().startsWith("from "), from.getMessage());
        IllegalArgumentException to = assertThrows(IllegalArgumentException.class, () -> fiveMinutes.split(t("10:00"), t("10:11")));
        assertTrue(to.getMessage().startsWith("to "), to.getMessage());
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new WindowSchedule(Duration.ZERO, Duration.ZERO, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new WindowSchedule(Duration.ofMinutes(1), Duration.ofSeconds(-1), Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new WindowSchedule(Duration.ofMinutes(1), Duration.ZERO, Duration.ofSeconds(-1), 1));
        assertThrows(IllegalArgumentException.class, () -> new WindowSchedule(Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> new EtlWindow(t("10:00"), t("10:00")));
    }

    private static Instant t(String hhmm) {
        return Instant.parse("2026-11-22T" + hhmm + ":00Z");
    }

    private static EtlWindow w(String from, String to) {
        return new EtlWindow(t(from), t(to));
    }
}
