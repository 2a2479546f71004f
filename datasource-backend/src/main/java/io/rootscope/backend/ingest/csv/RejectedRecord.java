package io.rootscope.backend.ingest.csv;

/**
 * A part of an input file that was refused, and why; the rest of the file is still imported.
 *
 * @param line   1-based line number (the header is line 1)
 * @param column the column refused, or null when the whole line was
 * @param value  the offending text
 */
public record RejectedRecord(String file, long line, String column, String value, String reason) {

    /** {@code file:line: column c: reason (value 'v')}, as analytics' case reader words its rejections. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (column == null ? "" : "column " + column + ": ") + reason
                + (value == null ? "" : " (value '" + value + "')");
    }
}
