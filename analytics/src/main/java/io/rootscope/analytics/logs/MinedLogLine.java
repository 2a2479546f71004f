package io.rootscope.analytics.logs;

/**
 * The result for one log line: the template of its cluster as it stands at the end of the batch, and its
 * severity (the stated one, else the one detected in the text).
 */
public record MinedLogLine(LogTemplate template, LogSeverity severity) {
}
