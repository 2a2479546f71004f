package io.rootscope.analytics.logs;

/**
 * How much of a log message is kept: up to {@link #STORED_MAX_CHARS} as the pattern's sample message, and up to
 * {@link #MINED_MAX_CHARS} mined into its template, so that no template outgrows a few KiB whatever a client sends
 * (a 200 MB line once became one template of 200 million characters, and every {@code log_patterns} search of its
 * tenant timed out). A cut message ends with {@link #MARKER}, which its template keeps too. The ingest and the
 * evaluation's case reader cut alike, so a case mined in memory and through the database gets the same templates.
 */
public final class LogMessageLimits {

    /** 64 KiB of characters of the stored sample message. */
    public static final int STORED_MAX_CHARS = 64 * 1024;
    /** 4 KiB of characters mined; a template is at most about three times that (masks such as {@code <NUM>} are longer than a digit). */
    public static final int MINED_MAX_CHARS = 4 * 1024;
    public static final String MARKER = " [truncated]";

    private LogMessageLimits() {
    }

    /** Whether the message is cut anywhere. */
    public static boolean cut(String message) {
        return message.length() > MINED_MAX_CHARS;
    }

    public static String stored(String message) {
        return prefix(message, STORED_MAX_CHARS);
    }

    public static String mined(String message) {
        return prefix(message, MINED_MAX_CHARS);
    }

    private static String prefix(String message, int maxChars) {
        if (message.length() <= maxChars) {
            return message;
        }
        // Never half a surrogate pair: the cut text must stay valid UTF-16 to be stored as UTF-8.
        int end = Character.isHighSurrogate(message.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return message.substring(0, end) + MARKER;
    }
}
