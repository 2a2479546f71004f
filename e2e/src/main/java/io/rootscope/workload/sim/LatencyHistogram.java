package io.rootscope.workload.sim;

import java.util.Arrays;
import java.util.List;

/** A cumulative Prometheus histogram over Istio's default request-duration buckets (milliseconds). */
public final class LatencyHistogram {

    /** Istio's {@code istio_request_duration_milliseconds} bucket bounds. */
    public static final List<Double> BUCKETS_MS = List.of(0.5, 1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0,
            1000.0, 2500.0, 5000.0, 10000.0, 30000.0, 60000.0, 300000.0, 600000.0, 1800000.0, 3600000.0);

    private final long[] bucketCounts = new long[BUCKETS_MS.size()];
    private long count;
    private double sumMs;

    public void observe(double ms) {
        for (int i = 0; i < bucketCounts.length; i++) {
            if (ms <= BUCKETS_MS.get(i)) {
                bucketCounts[i]++;
            }
        }
        count++;
        sumMs += ms;
    }

    public Snapshot snapshot() {
        return new Snapshot(Arrays.stream(bucketCounts).boxed().toList(), count, sumMs);
    }

    /** Cumulative bucket counts aligned with {@link #BUCKETS_MS}; {@code count} is the {@code +Inf} bucket. */
    public record Snapshot(List<Long> cumulativeCounts, long count, double sumMs) {
    }
}
