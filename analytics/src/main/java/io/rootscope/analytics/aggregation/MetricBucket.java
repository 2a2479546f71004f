package io.rootscope.analytics.aggregation;

/**
 * Statistics of one series over one time bucket; {@code p95} is the {@link NearestRankPercentile nearest-rank}
 * 95th percentile.
 */
public record MetricBucket(SeriesKey series, long bucketStartMillis, int count, double avg, double max,
                           double p95) {
}
