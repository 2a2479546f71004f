package io.rootscope.analytics.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NearestRankPercentileTest {

    /** The worked example of the nearest-rank method on Wikipedia's "Percentile" page. */
    @Test
    void matchesTheReferenceExample() {
        double[] sorted = {15, 20, 35, 40, 50};
        assertEquals(15, NearestRankPercentile.of(sorted, 5, 5));
        assertEquals(20, NearestRankPercentile.of(sorted, 5, 30));
        assertEquals(20, NearestRankPercentile.of(sorted, 5, 40));
        assertEquals(35, NearestRankPercentile.of(sorted, 5, 50));
        assertEquals(50, NearestRankPercentile.of(sorted, 5, 100));
    }

    @Test
    void exactRanksDoNotRoundUpThroughFloatingPointError() {
        double[] oneToTwenty = IntStream.rangeClosed(1, 20).asDoubleStream().toArray();
        assertEquals(19, NearestRankPercentile.of(oneToTwenty, 20, 95));
    }

    @Test
    void usesOnlyTheFirstCountValues() {
        assertEquals(2, NearestRankPercentile.of(new double[] {1, 2, 99}, 2, 100));
    }

    @Test
    void rejectsInvalidParameters() {
        double[] sorted = {1, 2};
        assertThrows(IllegalArgumentException.class, () -> NearestRankPercentile.of(sorted, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> NearestRankPercentile.of(sorted, 2, 100.5));
        assertThrows(IllegalArgumentException.class, () -> NearestRankPercentile.of(sorted, 0, 50));
        assertThrows(IllegalArgumentException.class, () -> NearestRankPercentile.of(sorted, 3, 50));
    }
}
