package io.rootscope.backend.etl.pushed;

/**
 * The value of one series at an evaluation time, from its samples in time order (times in epoch milliseconds).
 * No extrapolation, unlike PromQL's {@code rate}: a rate is the increase between the first and last samples of the
 * range divided by the time between them, so it is exact for the samples stored, and Prometheus's answer for a range
 * only partly covered by samples differs by its extrapolation.
 */
final class SeriesFunctions {

    private SeriesFunctions() {
    }

    /**
     * The per-second rate of a counter over (at - range, at]: a drop is a reset (the counter restarted from zero), so
     * the value after it counts whole. NaN with fewer than two samples in the range.
     */
    static double rate(long[] times, double[] values, int count, long at, long rangeMillis) {
        int first = firstAfter(times, count, at - rangeMillis);
        int last = lastAtOrBefore(times, count, at);
        if (first < 0 || last - first < 1) {
            return Double.NaN;
        }
        double increase = 0;
        for (int i = first + 1; i <= last; i++) {
            double delta = values[i] - values[i - 1];
            increase += delta >= 0 ? delta : values[i];
        }
        return increase * 1000.0 / (times[last] - times[first]);
    }

    /** The last sample in (at - lookback, at], NaN when there is none (the series is stale). */
    static double last(long[] times, double[] values, int count, long at, long lookbackMillis) {
        int last = lastAtOrBefore(times, count, at);
        return last >= 0 && times[last] > at - lookbackMillis ? values[last] : Double.NaN;
    }

    /** The index of the first time after {@code after}, or -1. */
    private static int firstAfter(long[] times, int count, long after) {
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] <= after) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < count ? low : -1;
    }

    /** The index of the last time at or before {@code at}, or -1. */
    private static int lastAtOrBefore(long[] times, int count, long at) {
        int next = firstAfter(times, count, at);
        return (next < 0 ? count : next) - 1;
    }
}
