package io.rootscope.backend.query.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bucket width of the {@code metrics} kind for extreme panels: never more buckets than maxDataPoints. */
class MetricsStepTest {

    private static final List<Duration> RANGES = List.of(Duration.ofMillis(1), Duration.ofMillis(1500), Duration.ofSeconds(59),
            Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1).plusMillis(1), Duration.ofDays(7), Duration.ofDays(366));
    private static final int[] MAX_DATA_POINTS = {1, 2, 5, 999, 1000, 10_000, Integer.MAX_VALUE};
    private static final long[] INTERVALS_MS = {1, 999, 1000, 60_000, Long.MAX_VALUE / 1000, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    @Test
    void theRangeHoldsAtMostMaxDataPointsBucketsAndTheStepHonoursTheInterval() {
        for (Duration range : RANGES) {
            for (int maxDataPoints : MAX_DATA_POINTS) {
                for (long intervalMs : INTERVALS_MS) {
                    Duration step = MetricsQuery.stepFor(range, maxDataPoints, intervalMs);
                    String panel = range + ", maxDataPoints " + maxDataPoints + ", intervalMs " + intervalMs + ": step " + step;
                    long rangeMs = range.toMillis();
                    // The worst case of step-aligned buckets: a range starting just after a boundary touches one more.
                    long buckets = maxDataPoints == 1 ? (rangeMs + step.toMillis() - 1) / step.toMillis()
                            : (Math.max(rangeMs, 1) - 1) / step.toMillis() + 2;
                    assertTrue(buckets >= 1 && buckets <= maxDataPoints, panel + " gives " + buckets + " buckets");
                    assertTrue(step.toSeconds() >= 1 && step.toNanos() % 1_000_000_000L == 0, panel);
                    assertTrue(step.toMillis() >= Math.min(intervalMs, rangeMs), panel + " is finer than the interval");
                    assertTrue(step.toMillis() < Math.max(rangeMs, 1000) + 1000, panel + " is wider than the range");
                }
            }
        }
    }

    @Test
    void anIntervalOfLongMaxIsOneBucketOfTheRange() {
        assertEquals(Duration.ofHours(1), MetricsQuery.stepFor(Duration.ofHours(1), 5, Long.MAX_VALUE));
        assertEquals(Duration.ofMinutes(15), MetricsQuery.stepFor(Duration.ofHours(1), 5, 1));
    }
}
