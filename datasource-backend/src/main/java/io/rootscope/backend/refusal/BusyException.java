package io.rootscope.backend.refusal;

/**
 * The backend is busy, not broken: the request was refused before doing any work and may be sent again after
 * {@code retryAfterSeconds}. The HTTP error mapper answers it 429 with {@code Retry-After}.
 */
public class BusyException extends RuntimeException {

    private final int retryAfterSeconds;

    public BusyException(String message, int retryAfterSeconds) {
        super(message);
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be at least 1, got " + retryAfterSeconds);
        }
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
