package io.rootscope.workload.otlp;

import java.util.Map;
import java.util.Optional;

/**
 * One finished span.
 *
 * @param traceId      32 lowercase hex digits
 * @param spanId       16 lowercase hex digits
 * @param parentSpanId empty for a root span
 * @param service      the service that recorded the span
 * @param error        whether the span's status is ERROR
 * @param attributes   string, long, double or boolean values
 */
public record SpanRecord(
        String traceId,
        String spanId,
        Optional<String> parentSpanId,
        String service,
        String name,
        SpanKind kind,
        long startNanos,
        long endNanos,
        boolean error,
        Map<String, Object> attributes) {

    public SpanRecord {
        attributes = Map.copyOf(attributes);
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("span " + name + " ends before it starts");
        }
    }

    public double durationMs() {
        return (endNanos - startNanos) / 1e6;
    }
}
