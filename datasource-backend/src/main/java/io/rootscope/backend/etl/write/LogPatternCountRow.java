package io.rootscope.backend.etl.write;

import java.time.Instant;

/**
 * Five-minute counts of one log template (by fingerprint) on one resource, ready for {@code log_pattern_5m}.
 *
 * @param locatorId the locator of the raw log lines, or null
 */
public record LogPatternCountRow(Instant bucket, long resourceId, String fingerprint, long countTotal, long countError,
                                 Long locatorId) {

    public LogPatternCountRow {
        if (bucket.getEpochSecond() % 300 != 0 || bucket.getNano() != 0) {
            throw new IllegalArgumentException("bucket must start a five-minute interval, got " + bucket);
        }
        if (countError < 0 || countError > countTotal) {
            throw new IllegalArgumentException("countError must be within [0, countTotal=" + countTotal + "], got " + countError);
        }
    }
}
