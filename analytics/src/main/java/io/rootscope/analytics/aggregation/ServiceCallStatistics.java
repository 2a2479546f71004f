package io.rootscope.analytics.aggregation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per (caller, callee, bucket) call statistics — rate, error rate, p50 and p95 latency — from individual
 * service-to-service calls (five-minute buckets by default). The rate divides by the full bucket width, so a
 * bucket only partly covered by the ingested window under-reports its rate.
 *
 * <p>Time O(n log n) for n calls, memory O(n) doubles. Not thread-safe.
 */
public final class ServiceCallStatistics {

    /** Bucket width of {@code service_call_5m}. */
    public static final long BUCKET_MILLIS_DEFAULT = TimeBuckets.FIVE_MINUTES_MILLIS;

    private static final double MILLIS_PER_SECOND = 1000.0;

    private record Edge(String caller, String callee) {
    }

    private static final class Calls {
        final DoubleBuffer latencies = new DoubleBuffer();
        int errors;
    }

    private final long bucketMillis;
    private final Map<BucketKey<Edge>, Calls> buckets = new HashMap<>();

    public ServiceCallStatistics() {
        this(BUCKET_MILLIS_DEFAULT);
    }

    public ServiceCallStatistics(long bucketMillis) {
        this.bucketMillis = TimeBuckets.requirePositiveWidth(bucketMillis);
    }

    /**
     * Adds one call, bucketed by its start.
     *
     * @throws IllegalArgumentException for a negative or non-finite latency
     */
    public void add(String caller, String callee, long startEpochMillis, double latencyMillis, boolean error) {
        if (!(latencyMillis >= 0) || Double.isInfinite(latencyMillis)) {
            throw new IllegalArgumentException("latency must be finite and non-negative, got " + latencyMillis
                    + " ms for call " + caller + " -> " + callee);
        }
        BucketKey<Edge> key = new BucketKey<>(new Edge(caller, callee),
                TimeBuckets.start(startEpochMillis, bucketMillis));
        Calls calls = buckets.computeIfAbsent(key, k -> new Calls());
        calls.latencies.add(latencyMillis);
        if (error) {
            calls.errors++;
        }
    }

    /** The buckets ordered by caller, callee and start. */
    public List<ServiceCallBucket> buckets() {
        double bucketSeconds = bucketMillis / MILLIS_PER_SECOND;
        List<ServiceCallBucket> result = new ArrayList<>(buckets.size());
        buckets.forEach((key, calls) -> {
            int n = calls.latencies.size();
            double[] sorted = calls.latencies.sorted();
            result.add(new ServiceCallBucket(key.key().caller(), key.key().callee(), key.bucketStartMillis(),
                    n, calls.errors, n / bucketSeconds, (double) calls.errors / n,
                    NearestRankPercentile.of(sorted, n, 50), NearestRankPercentile.of(sorted, n, 95)));
        });
        result.sort(Comparator.comparing(ServiceCallBucket::caller).thenComparing(ServiceCallBucket::callee)
                .thenComparingLong(ServiceCallBucket::bucketStartMillis));
        return result;
    }
}
