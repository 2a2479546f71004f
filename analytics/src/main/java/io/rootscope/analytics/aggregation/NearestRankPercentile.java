package io.rootscope.analytics.aggregation;

/**
 * The nearest-rank percentile: the smallest sample such that at least p % of the samples are less than or
 * equal to it, i.e. the sample of rank ⌈p/100 · n⌉ in ascending order. It is always an observed value (no
 * interpolation, unlike commons-math3's default estimator), so a p95 latency is a latency some call really had.
 *
 * <p>Time O(1) on sorted input.
 */
public final class NearestRankPercentile {

    private NearestRankPercentile() {
    }

    /**
     * @param sorted ascending samples; only the first {@code count} are used
     * @param count  number of samples, at least 1
     * @param p      percentile in (0, 100]
     */
    public static double of(double[] sorted, int count, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (count < 1 || count > sorted.length) {
            throw new IllegalArgumentException(
                    "sample count must be in 1.." + sorted.length + ", got " + count);
        }
        // p * count before dividing keeps exact products exact: 95 * 20 / 100 is 19, not 19.000000000000004.
        int rank = (int) Math.ceil(p * count / 100);
        return sorted[rank - 1];
    }
}
