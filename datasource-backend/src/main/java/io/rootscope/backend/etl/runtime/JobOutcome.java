package io.rootscope.backend.etl.runtime;

/**
 * What a successful run did.
 *
 * @param rowsWritten  rows inserted or changed
 * @param rowsRejected input records refused (malformed, unmappable); the good ones of the same batch are kept
 */
public record JobOutcome(long rowsWritten, long rowsRejected) {

    public JobOutcome {
        if (rowsWritten < 0 || rowsRejected < 0) {
            throw new IllegalArgumentException("row counts must not be negative, got " + rowsWritten + " and " + rowsRejected);
        }
    }
}
