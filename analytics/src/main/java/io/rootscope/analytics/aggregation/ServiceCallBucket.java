package io.rootscope.analytics.aggregation;

/**
 * Statistics of the calls from one service to another over one time bucket, for {@code service_call_5m}.
 *
 * @param rps       calls per second over the whole bucket width
 * @param errorRate failed calls / calls
 * @param p50Millis nearest-rank median latency
 * @param p95Millis nearest-rank 95th-percentile latency
 */
public record ServiceCallBucket(String caller, String callee, long bucketStartMillis, int calls, int errors,
                                double rps, double errorRate, double p50Millis, double p95Millis) {
}
