package io.rootscope.backend.etl.parse;

import io.rootscope.analytics.logs.LogSeverity;

/**
 * One log record, from OTLP or a text line.
 *
 * @param timeUnixNano when the event happened (OTLP {@code timeUnixNano}, else {@code observedTimeUnixNano})
 * @param severity     the severity stated by the source, {@link LogSeverity#UNSPECIFIED} if none
 * @param traceId      the correlated trace, or null
 * @param spanId       the correlated span, or null
 */
public record ParsedLogRecord(ServiceRef service, long timeUnixNano, LogSeverity severity, String body,
                              String traceId, String spanId) {
}
