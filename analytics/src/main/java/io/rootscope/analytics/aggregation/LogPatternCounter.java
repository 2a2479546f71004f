package io.rootscope.analytics.aggregation;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.analytics.logs.MinedLogLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts mined log lines per (service, pattern, bucket), five-minute buckets by default, with error counts and
 * the worst severity. Time O(n) for n lines, memory O(number of buckets). Not thread-safe.
 */
public final class LogPatternCounter {

    /** Bucket width of {@code log_pattern_5m}. */
    public static final long BUCKET_MILLIS_DEFAULT = TimeBuckets.FIVE_MINUTES_MILLIS;

    private record Pattern(String service, long fingerprint) {
    }

    private static final class Counts {
        int count;
        int errors;
        LogSeverity maxSeverity = LogSeverity.UNSPECIFIED;
    }

    private final long bucketMillis;
    private final Map<BucketKey<Pattern>, Counts> buckets = new HashMap<>();

    public LogPatternCounter() {
        this(BUCKET_MILLIS_DEFAULT);
    }

    public LogPatternCounter(long bucketMillis) {
        this.bucketMillis = TimeBuckets.requirePositiveWidth(bucketMillis);
    }

    /** Counts one mined line of a service logged at an instant. */
    public void add(String service, long epochMillis, MinedLogLine line) {
        BucketKey<Pattern> key = new BucketKey<>(new Pattern(service, line.template().fingerprint()),
                TimeBuckets.start(epochMillis, bucketMillis));
        Counts counts = buckets.computeIfAbsent(key, k -> new Counts());
        counts.count++;
        if (line.severity().isError()) {
            counts.errors++;
        }
        if (line.severity().compareTo(counts.maxSeverity) > 0) {
            counts.maxSeverity = line.severity();
        }
    }

    /** The buckets ordered by service, fingerprint and start. */
    public List<LogPatternBucket> buckets() {
        List<LogPatternBucket> result = new ArrayList<>(buckets.size());
        buckets.forEach((key, counts) -> result.add(new LogPatternBucket(key.key().service(),
                key.key().fingerprint(), key.bucketStartMillis(), counts.count, counts.errors, counts.maxSeverity)));
        result.sort(Comparator.comparing(LogPatternBucket::service)
                .thenComparingLong(LogPatternBucket::fingerprint)
                .thenComparingLong(LogPatternBucket::bucketStartMillis));
        return result;
    }
}
