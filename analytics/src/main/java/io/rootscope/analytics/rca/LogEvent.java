package io.rootscope.analytics.rca;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.analytics.logs.LogTemplate;

/**
 * One log line of a service, already mined to its template: what a diagnosis reads of logs, whether the lines come
 * from a case's CSV files or from the database's {@code log_event} and {@code log_pattern}.
 *
 * @param timeMillis when it was written, epoch milliseconds
 * @param service    the service that wrote it
 * @param template   its Drain template
 * @param severity   the severity stated by the source or read from the text, {@link LogSeverity#UNSPECIFIED} if none
 */
public record LogEvent(long timeMillis, String service, LogTemplate template, LogSeverity severity) {

    public LogEvent {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("a log event needs a service");
        }
        if (template == null || severity == null) {
            throw new IllegalArgumentException("a log event needs a template and a severity");
        }
    }
}
