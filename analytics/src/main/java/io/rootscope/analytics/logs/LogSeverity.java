package io.rootscope.analytics.logs;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Severity of a log line, ordered from least to most severe so that {@code compareTo} ranks them.
 *
 * <p>The OTLP mapping follows the OpenTelemetry log data model: severity numbers 1–4 are TRACE, 5–8 DEBUG,
 * 9–12 INFO, 13–16 WARN, 17–20 ERROR and 21–24 FATAL; 0 means unspecified.
 */
public enum LogSeverity {
    UNSPECIFIED,
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    FATAL;

    /** How many leading words {@link #detect} examines. */
    public static final int DETECTION_WORDS = 6;

    private static final int SEVERITY_NUMBERS_PER_LEVEL = 4;
    private static final Set<String> DETECTED_WORDS = Set.of(
            "TRACE", "DEBUG", "DBG", "INFO", "WARN", "WARNING", "ERROR", "ERR", "FATAL", "PANIC", "CRIT");
    private static final int SHORTEST_DETECTED_WORD = 3;
    private static final int LONGEST_DETECTED_WORD = 7;
    private static final int MAX_SEVERITY_NUMBER = 24;
    /** A level key of structured logs (JSON, logfmt), quoted or not, and its value: a word or a number. */
    private static final Pattern LEVEL_FIELD = Pattern.compile(
            "(?i)(?<![\\w.@-])[\"']?(?:level|severity|lvl|loglevel|log\\.level|levelname|severity_?text)[\"']?"
                    + "\\s*[:=]\\s*[\"']?([a-z]{1,11}|\\d{1,2})(?![\\w-])");

    /** True for ERROR and FATAL: the severities counted as errors in log-pattern statistics. */
    public boolean isError() {
        return compareTo(ERROR) >= 0;
    }

    /**
     * The severity of an OTLP {@code severityNumber}.
     *
     * @throws IllegalArgumentException if the number is outside 0..24
     */
    public static LogSeverity fromOtlpSeverityNumber(int severityNumber) {
        if (severityNumber < 0 || severityNumber > MAX_SEVERITY_NUMBER) {
            throw new IllegalArgumentException(
                    "OTLP severityNumber must be in 0.." + MAX_SEVERITY_NUMBER + ", got " + severityNumber);
        }
        if (severityNumber == 0) {
            return UNSPECIFIED;
        }
        return values()[1 + (severityNumber - 1) / SEVERITY_NUMBERS_PER_LEVEL];
    }

    /**
     * The severity named by a label such as {@code "warn"}, {@code "WARNING"}, {@code "Err"}, {@code "CRITICAL"}
     * or {@code "E"}; {@link #UNSPECIFIED} when the label names no known severity.
     */
    public static LogSeverity fromLabel(String label) {
        if (label == null) {
            return UNSPECIFIED;
        }
        return switch (label.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE", "TRC", "T", "FINEST", "FINER" -> TRACE;
            case "DEBUG", "DBG", "D", "FINE" -> DEBUG;
            case "INFO", "INF", "I", "INFORMATION", "NOTICE" -> INFO;
            case "WARN", "WARNING", "WRN", "W" -> WARN;
            case "ERROR", "ERR", "E", "SEVERE" -> ERROR;
            case "FATAL", "FTL", "F", "CRITICAL", "CRIT", "PANIC", "EMERG", "EMERGENCY" -> FATAL;
            default -> UNSPECIFIED;
        };
    }

    /**
     * The severity written in a message: the value of a structured level field anywhere in it ({@code "level":"error"},
     * {@code "severity": "WARNING"}, {@code levelname=ERROR}, pino's and bunyan's {@code "level":50}), else a whole
     * word such as {@code ERROR}, {@code [warn]} or {@code level=info} among its first {@value #DETECTION_WORDS}
     * words; {@link #UNSPECIFIED} if none. The field comes first because JSON loggers order keys as they please (logrus
     * sorts them: an {@code "error"} key leads a line whose level is {@code "warning"}). A field's value may be any
     * label {@link #fromLabel} reads; among the leading words only unambiguous level words count: single letters and
     * words such as "fine" or "critical" are ordinary prose too.
     *
     * <p>Only the leading words are examined because loggers put the level near the start, and a later
     * "error" is usually prose ("retrying after error").
     */
    public static LogSeverity detect(String message) {
        LogSeverity field = levelField(message);
        return field != UNSPECIFIED ? field : leadingWord(message);
    }

    /** The first level field's value; numbers count only as pino's and bunyan's levels (10 trace .. 60 fatal). */
    private static LogSeverity levelField(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (!lower.contains("lev") && !lower.contains("sev") && !lower.contains("lvl")) {
            return UNSPECIFIED; // most lines: the pattern is ten times the cost of this test
        }
        Matcher m = LEVEL_FIELD.matcher(message);
        while (m.find()) {
            String value = m.group(1);
            LogSeverity severity = Character.isDigit(value.charAt(0)) ? fromPinoLevel(Integer.parseInt(value))
                    : fromLabel(value);
            if (severity != UNSPECIFIED) {
                return severity;
            }
        }
        return UNSPECIFIED;
    }

    private static LogSeverity fromPinoLevel(int level) {
        return switch (level) {
            case 10 -> TRACE;
            case 20 -> DEBUG;
            case 30 -> INFO;
            case 40 -> WARN;
            case 50 -> ERROR;
            case 60 -> FATAL;
            default -> UNSPECIFIED;
        };
    }

    private static LogSeverity leadingWord(String message) {
        int words = 0;
        int i = 0;
        int n = message.length();
        while (i < n && words < DETECTION_WORDS) {
            while (i < n && !Character.isLetter(message.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetter(message.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length >= SHORTEST_DETECTED_WORD && length <= LONGEST_DETECTED_WORD) {
                String word = message.substring(start, i).toUpperCase(Locale.ROOT);
                if (DETECTED_WORDS.contains(word)) {
                    return fromLabel(word);
                }
            }
            words++;
        }
        return UNSPECIFIED;
    }

    /** The explicit severity when it is specified, else the one detected in the message. */
    public static LogSeverity resolve(LogSeverity explicit, String message) {
        return explicit != null && explicit != UNSPECIFIED ? explicit : detect(message);
    }
}
