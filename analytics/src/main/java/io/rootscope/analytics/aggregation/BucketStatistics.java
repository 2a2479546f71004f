package io.rootscope.analytics.aggregation;

import java.util.Arrays;

/**
 * One statistic per time bucket of one series, from points added in any order: the mean, the maximum, or the 95th
 * percentile interpolated linearly between the two nearest ranks — what PostgreSQL's {@code avg}, {@code max} and
 * {@code percentile_cont(0.95)} give for the same bucket (NaN sorts above every number, as there).
 *
 * <p>Time O(n log n) for n points (O(n) when they arrive in time order), memory O(n). Not thread-safe.
 */
public final class BucketStatistics {

    public enum Statistic { MEAN, MAX, P95 }

    /** Receives each bucket's start and statistic, in bucket order. */
    public interface Consumer {
        void accept(long bucket, double value);
    }

    private static final double P95 = 0.95;

    private long[] buckets = new long[64];
    private double[] values = new double[64];
    private int size;

    public void add(long bucket, double value) {
        if (size == buckets.length) {
            buckets = Arrays.copyOf(buckets, 2 * size);
            values = Arrays.copyOf(values, 2 * size);
        }
        buckets[size] = bucket;
        values[size++] = value;
    }

    public int size() {
        return size;
    }

    public void forEach(Statistic statistic, Consumer consumer) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(buckets[a], buckets[b]);
            return c != 0 ? c : Double.compare(values[a], values[b]);
        });
        int start = 0;
        while (start < size) {
            long bucket = buckets[order[start]];
            int end = start;
            while (end < size && buckets[order[end]] == bucket) {
                end++;
            }
            consumer.accept(bucket, of(statistic, order, start, end));
            start = end;
        }
    }

    /** The statistic of values[order[from .. to-1]], which ascend. */
    private double of(Statistic statistic, Integer[] order, int from, int to) {
        return switch (statistic) {
            case MEAN -> {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += values[order[i]];
                }
                yield sum / (to - from);
            }
            case MAX -> values[order[to - 1]];
            case P95 -> {
                double rank = P95 * (to - from - 1);
                int below = (int) Math.floor(rank);
                int above = (int) Math.ceil(rank);
                double low = values[order[from + below]];
                yield low + (rank - below) * (values[order[from + above]] - low);
            }
        };
    }
}
