package io.rootscope.analytics.rca.multimodal;

import java.util.Arrays;

/**
 * The length of a period from the times of its records: the span between the 1st and 99th percentile, scaled back to
 * the whole, so that a few records stamped far off (a clock reset writes 1754) do not stretch it. At least a second.
 */
final class PeriodLength {

    private static final double TAIL = 0.01;

    private PeriodLength() {
    }

    static double seconds(long[] timesMillis) {
        if (timesMillis.length == 0) {
            return 0;
        }
        long[] sorted = timesMillis.clone();
        Arrays.sort(sorted);
        long low = sorted[(int) Math.floor(TAIL * (sorted.length - 1))];
        long high = sorted[(int) Math.ceil((1 - TAIL) * (sorted.length - 1))];
        return Math.max(1.0, (high - low) / 1000.0 / (1 - 2 * TAIL));
    }
}
