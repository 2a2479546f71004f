package io.rootscope.analytics.rca;

/**
 * One span of a trace, as a diagnosis reads it. A span's service is where it ran; its parent's service is the caller.
 *
 * @param traceId        the trace
 * @param spanId         the span, unique within its trace
 * @param parentSpanId   the parent span, or null for a root span
 * @param service        the service that ran it
 * @param operation      the operation (span name)
 * @param startMicros    start, epoch microseconds
 * @param durationMicros duration in microseconds, not negative
 * @param error          whether the source marked it failed (false when the source has no status)
 * @param peerService    the service a client span called that sends no spans of its own (a database, a cache: OTLP's
 *                       {@code peer.service}), or null
 */
public record SpanRecord(String traceId, String spanId, String parentSpanId, String service, String operation,
                         long startMicros, long durationMicros, boolean error, String peerService) {

    public SpanRecord {
        if (traceId == null || traceId.isBlank() || spanId == null || spanId.isBlank()) {
            throw new IllegalArgumentException("a span needs a trace id and a span id");
        }
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("span " + spanId + " has no service");
        }
        if (operation == null) {
            throw new IllegalArgumentException("span " + spanId + " has no operation");
        }
        if (durationMicros < 0) {
            throw new IllegalArgumentException("span " + spanId + " has a negative duration");
        }
        if (parentSpanId != null && parentSpanId.isBlank()) {
            parentSpanId = null;
        }
        if (peerService != null && (peerService.isBlank() || peerService.equals(service))) {
            peerService = null;
        }
    }

    /** A span of a source that names no peers. */
    public SpanRecord(String traceId, String spanId, String parentSpanId, String service, String operation,
                      long startMicros, long durationMicros, boolean error) {
        this(traceId, spanId, parentSpanId, service, operation, startMicros, durationMicros, error, null);
    }

    public long endMicros() {
        return startMicros + durationMicros;
    }
}
