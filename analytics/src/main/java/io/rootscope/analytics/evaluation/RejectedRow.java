package io.rootscope.analytics.evaluation;

/**
 * A row of a case file that was not used, and why.
 *
 * @param file   the file name
 * @param line   1-based line number of the row
 * @param column the column at fault
 * @param reason what is wrong
 */
public record RejectedRow(String file, long line, String column, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": column " + column + ": " + reason;
    }
}
