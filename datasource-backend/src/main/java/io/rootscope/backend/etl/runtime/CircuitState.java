package io.rootscope.backend.etl.runtime;

import java.time.Instant;

/**
 * The circuit breaker of one source, as persisted in {@code etl_job_circuit}.
 *
 * @param state        closed (calls pass), open (calls refused until {@code retryAfter}), half_open (one trial call)
 * @param failureCount consecutive failures
 * @param retryAfter   when an open circuit lets a trial call through, or null
 */
public record CircuitState(String state, int failureCount, Instant retryAfter) {

    public static final CircuitState CLOSED = new CircuitState("closed", 0, null);

    public boolean isOpen() {
        return "open".equals(state);
    }
}
