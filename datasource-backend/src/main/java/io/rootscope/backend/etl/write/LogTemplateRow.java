package io.rootscope.backend.etl.write;

import java.time.Instant;
import java.util.Set;

/**
 * A log template mined from a window (by Drain), identified by its stable fingerprint, ready for {@code log_pattern}.
 *
 * @param severity one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL
 */
public record LogTemplateRow(String fingerprint, String pattern, String sampleMessage, String severity,
                             Instant firstSeen, Instant lastSeen) {

    private static final Set<String> SEVERITIES = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    public LogTemplateRow {
        if (fingerprint == null || fingerprint.isBlank()) {
            throw new IllegalArgumentException("fingerprint must not be empty");
        }
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity of template " + fingerprint + " must be one of " + SEVERITIES + ", got " + severity);
        }
        if (firstSeen.isAfter(lastSeen)) {
            throw new IllegalArgumentException("firstSeen of template " + fingerprint + " must not be after lastSeen");
        }
    }
}
