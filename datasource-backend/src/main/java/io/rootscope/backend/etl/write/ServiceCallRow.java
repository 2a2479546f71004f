package io.rootscope.backend.etl.write;

import java.time.Instant;

/**
 * Five-minute statistics of the calls from one service to another (computed by the call-stats aggregation),
 * ready for {@code service_call_5m}.
 *
 * @param locatorId the locator of the raw spans, or null
 */
public record ServiceCallRow(Instant bucket, long srcResourceId, long dstResourceId, long callCount, double rps,
                             double errRate, double p50Ms, double p95Ms, Long locatorId) {

    public ServiceCallRow {
        if (bucket.getEpochSecond() % 300 != 0 || bucket.getNano() != 0) {
            throw new IllegalArgumentException("bucket must start a five-minute interval, got " + bucket);
        }
        if (!(errRate >= 0 && errRate <= 1)) {
            throw new IllegalArgumentException("errRate must be within [0, 1], got " + errRate);
        }
    }
}
