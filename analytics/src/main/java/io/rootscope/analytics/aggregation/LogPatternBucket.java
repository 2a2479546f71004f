package io.rootscope.analytics.aggregation;

import io.rootscope.analytics.logs.LogSeverity;

/**
 * Occurrences of one log pattern of one service over one time bucket, for {@code log_pattern_5m}.
 *
 * @param fingerprint the pattern's {@link io.rootscope.analytics.logs.TemplateFingerprint}
 * @param errorCount  occurrences of severity ERROR or worse
 * @param maxSeverity the worst severity seen
 */
public record LogPatternBucket(String service, long fingerprint, long bucketStartMillis, int count,
                               int errorCount, LogSeverity maxSeverity) {
}
