package io.rootscope.backend.etl.runtime;

/**
 * The source of a job could not be read (connection refused, timeout, HTTP or API error). Counts against the
 * source's circuit breaker, and the window is retried later, however often it happens.
 */
public class SourceUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
