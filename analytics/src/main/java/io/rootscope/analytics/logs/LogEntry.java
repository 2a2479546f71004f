package io.rootscope.analytics.logs;

/**
 * A log message to mine, with the severity stated by its source ({@link LogSeverity#UNSPECIFIED} if none).
 */
public record LogEntry(String message, LogSeverity severity) {

    public LogEntry {
        if (message == null) {
            throw new IllegalArgumentException("log message must not be null");
        }
        if (severity == null) {
            throw new IllegalArgumentException("severity must not be null; use UNSPECIFIED");
        }
    }

    /** A message whose source states no severity. */
    public static LogEntry of(String message) {
        return new LogEntry(message, LogSeverity.UNSPECIFIED);
    }
}
