package io.rootscope.analytics.aggregation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls raw metric samples up into per-series buckets (one minute by default): count, average, maximum and
 * nearest-rank p95. Non-finite samples are skipped and counted — Prometheus writes NaN as a staleness marker.
 *
 * <p>Time O(n log n) for n samples (sorting within buckets), memory O(n) doubles. Not thread-safe.
 */
public final class MetricRollup {

    /** Bucket width of the {@code metric_1m} rollup. */
    public static final long BUCKET_MILLIS_DEFAULT = TimeBuckets.MINUTE_MILLIS;

    private static final double P95 = 95;

    private final long bucketMillis;
    private final Map<BucketKey<SeriesKey>, DoubleBuffer> buckets = new HashMap<>();
    private int skippedNonFinite;

    public MetricRollup() {
        this(BUCKET_MILLIS_DEFAULT);
    }

    public MetricRollup(long bucketMillis) {
        this.bucketMillis = TimeBuckets.requirePositiveWidth(bucketMillis);
    }

    /** Adds one sample of a series taken at an instant. */
    public void add(SeriesKey series, long epochMillis, double value) {
        if (!Double.isFinite(value)) {
            skippedNonFinite++;
            return;
        }
        BucketKey<SeriesKey> key = new BucketKey<>(series, TimeBuckets.start(epochMillis, bucketMillis));
        buckets.computeIfAbsent(key, k -> new DoubleBuffer()).add(value);
    }

    /** How many NaN or infinite samples were skipped. */
    public int skippedNonFinite() {
        return skippedNonFinite;
    }

    /** The buckets ordered by resource, metric and start. */
    public List<MetricBucket> buckets() {
        List<MetricBucket> result = new ArrayList<>(buckets.size());
        buckets.forEach((key, values) -> result.add(new MetricBucket(key.key(), key.bucketStartMillis(),
                values.size(), values.mean(), values.max(),
                NearestRankPercentile.of(values.sorted(), values.size(), P95))));
        result.sort(Comparator.comparing((MetricBucket b) -> b.series().resource())
                .thenComparing(b -> b.series().metric())
                .thenComparingLong(MetricBucket::bucketStartMillis));
        return result;
    }
}
