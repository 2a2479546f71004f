package io.rootscope.backend.etl.pushed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeriesFunctionsTest {

    // Samples every 10 s; the counter restarts between 130 and 10.
    private static final long[] TIMES = {0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000};
    private static final double[] VALUES = {95, 100, 110, 130, 10, 40, 70};

    @Test
    void aRateCountsTheValueAfterAResetWholeOverTheTimeBetweenFirstAndLastSample() {
        // (0, 60 s]: 100 .. 70 = 10 + 20 + 10 (reset: from zero) + 30 + 30 = 100 over 50 s.
        assertEquals(2.0, SeriesFunctions.rate(TIMES, VALUES, TIMES.length, 60_000, 60_000), 1e-12);
        // (15 s, 45 s]: 110, 130, 10 = 20 + 10 over 20 s.
        assertEquals(1.5, SeriesFunctions.rate(TIMES, VALUES, TIMES.length, 45_000, 30_000), 1e-12);
        assertTrue(Double.isNaN(SeriesFunctions.rate(TIMES, VALUES, TIMES.length, 5_000, 10_000)), "one sample has no rate");
    }

    @Test
    void aGaugeIsItsLastSampleWithinTheLookback() {
        assertEquals(130, SeriesFunctions.last(TIMES, VALUES, TIMES.length, 39_999, 300_000));
        assertEquals(70, SeriesFunctions.last(TIMES, VALUES, TIMES.length, 100_000, 300_000));
        assertTrue(Double.isNaN(SeriesFunctions.last(TIMES, VALUES, TIMES.length, 360_000, 300_000)), "stale after the lookback");
        assertTrue(Double.isNaN(SeriesFunctions.last(TIMES, VALUES, TIMES.length, -1, 300_000)), "nothing before the first sample");
    }
}
