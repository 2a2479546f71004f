package io.rootscope.analytics.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricRollupTest {

    private static final SeriesKey CPU = new SeriesKey("urn:k8s:pod:shop/cart-1", "cpu");
    private static final SeriesKey MEMORY = new SeriesKey("urn:k8s:pod:shop/cart-1", "memory");
    private static final long T0 = 1_700_000_040_000L; // a minute boundary

    @Test
    void aggregatesSamplesPerSeriesAndMinute() {
        MetricRollup rollup = new MetricRollup();
        for (int i = 1; i <= 20; i++) {
            rollup.add(CPU, T0 + i * 2_000L, i); // 2 s .. 40 s into the minute
        }
        rollup.add(CPU, T0 + 60_000L, 7);
        rollup.add(MEMORY, T0 + 59_999L, 512);

        List<MetricBucket> buckets = rollup.buckets();

        assertEquals(List.of(
                new MetricBucket(CPU, T0, 20, 10.5, 20, 19),
                new MetricBucket(CPU, T0 + 60_000L, 1, 7, 7, 7),
                new MetricBucket(MEMORY, T0, 1, 512, 512, 512)), buckets);
    }

    @Test
    void skipsAndCountsNonFiniteSamples() {
        MetricRollup rollup = new MetricRollup();
        rollup.add(CPU, T0, Double.NaN);
        rollup.add(CPU, T0, Double.POSITIVE_INFINITY);
        rollup.add(CPU, T0, -3);

        assertEquals(2, rollup.skippedNonFinite());
        assertEquals(List.of(new MetricBucket(CPU, T0, 1, -3, -3, -3)), rollup.buckets());
    }

    @Test
    void alignsInstantsBeforeTheEpochDownwards() {
        assertEquals(-60_000L, TimeBuckets.start(-1, TimeBuckets.MINUTE_MILLIS));
        assertEquals(0L, TimeBuckets.start(59_999, TimeBuckets.MINUTE_MILLIS));
    }

    @Test
    void rejectsInvalidParameters() {
        assertThrows(IllegalArgumentException.class, () -> new MetricRollup(0));
        assertThrows(IllegalArgumentException.class, () -> new SeriesKey(" ", "cpu"));
        assertThrows(IllegalArgumentException.class, () -> new SeriesKey("urn:host:a", null));
    }
}
