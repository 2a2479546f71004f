package io.rootscope.workload.otlp;

import java.util.Optional;

/**
 * One log line of a service, optionally correlated with the span it was written in.
 */
public record LogRecord(
        String service,
        long timeNanos,
        Severity severity,
        String body,
        Optional<String> traceId,
        Optional<String> spanId) {

    public static LogRecord uncorrelated(String service, long timeNanos, Severity severity, String body) {
        return new LogRecord(service, timeNanos, severity, body, Optional.empty(), Optional.empty());
    }

    public static LogRecord inSpan(SpanRecord span, long timeNanos, Severity severity, String body) {
        return new LogRecord(span.service(), timeNanos, severity, body, Optional.of(span.traceId()),
                Optional.of(span.spanId()));
    }
}
