package io.rootscope.backend.knowledge;

/** A runbook file that cannot be read as a runbook; the message names the file and what is wrong. */
public final class InvalidRunbookException extends RuntimeException {

    public InvalidRunbookException(String file, String problem) {
        super(file + ": " + problem);
    }
}
