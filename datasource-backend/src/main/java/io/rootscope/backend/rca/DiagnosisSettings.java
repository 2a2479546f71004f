package io.rootscope.backend.rca;

import java.time.Duration;

/**
 * Bounds of on-demand diagnoses (panels and the re-diagnosis API; the incident listener is not bounded by them):
 *
 * @param maxConcurrent diagnoses computed at once (ROOTSCOPE_RCA_MAX_CONCURRENT); each loads its window and ranks on
 *                      one core, so more than the cores only queue inside the JVM and hold database connections
 * @param queueWait     how long a diagnosis waits for a free slot before it is refused with 429 (ROOTSCOPE_RCA_QUEUE_WAIT_MS)
 * @param cacheBytes    the approximate memory of cached ad-hoc diagnoses (ROOTSCOPE_RCA_CACHE_MB); least recently used
 *                      ones are dropped past it
 * @param maxSpans      spans loaded per diagnosis, every diagnosis (ROOTSCOPE_RCA_MAX_SPANS); past it whole traces are
 *                      kept, chosen by a hash of their id
 * @param maxLogEvents  log events loaded per diagnosis, every diagnosis (ROOTSCOPE_RCA_MAX_LOG_EVENTS); past it each
 *                      service's templates are thinned alike, each keeping at least one event
 */
public record DiagnosisSettings(int maxConcurrent, Duration queueWait, long cacheBytes, int maxSpans, int maxLogEvents) {

    public static final int MAX_CONCURRENT_DEFAULT = Math.max(1, Runtime.getRuntime().availableProcessors());
    public static final Duration QUEUE_WAIT_DEFAULT = Duration.ofSeconds(2);
    public static final long CACHE_BYTES_DEFAULT = 64L * 1024 * 1024;
    /** About 40 MB of spans in memory (200 bytes each): well past a busy half hour of a 50-service system's sampled traces. */
    public static final int MAX_SPANS_DEFAULT = 200_000;
    /** About 10 MB of log events in memory: templates are shared, an event is a time, a service and a severity. */
    public static final int MAX_LOG_EVENTS_DEFAULT = 200_000;

    public DiagnosisSettings {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
        }
        if (queueWait.isNegative()) {
            throw new IllegalArgumentException("queueWait must not be negative, got " + queueWait);
        }
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cacheBytes must not be negative, got " + cacheBytes);
        }
        if (maxSpans < 1 || maxLogEvents < 1) {
            throw new IllegalArgumentException("maxSpans and maxLogEvents must be at least 1, got " + maxSpans + " and " + maxLogEvents);
        }
    }

    /** The bounds of on-demand diagnoses with the default caps on spans and log events. */
    public DiagnosisSettings(int maxConcurrent, Duration queueWait, long cacheBytes) {
        this(maxConcurrent, queueWait, cacheBytes, MAX_SPANS_DEFAULT, MAX_LOG_EVENTS_DEFAULT);
    }

    public static DiagnosisSettings defaults() {
        return new DiagnosisSettings(MAX_CONCURRENT_DEFAULT, QUEUE_WAIT_DEFAULT, CACHE_BYTES_DEFAULT);
    }
}
