package io.rootscope.backend.etl.write;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A one-minute aggregate computed outside the database (e.g. by the analytics rollups), ready for {@code metric_1m}.
 *
 * @param locatorId the locator of the raw detail, or null
 */
public record MinuteAggregateRow(long resourceId, String metric, Instant bucket, double avg, double max, double p95,
                                 int sampleCount, Long locatorId) {

    public MinuteAggregateRow {
        if (!bucket.equals(bucket.truncatedTo(ChronoUnit.MINUTES))) {
            throw new IllegalArgumentException("bucket must be a whole minute, got " + bucket);
        }
        if (sampleCount < 1) {
            throw new IllegalArgumentException("sampleCount of " + metric + " at " + bucket + " must be positive, got " + sampleCount);
        }
    }
}
