package io.rootscope.backend.etl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), 3, Duration.ofMinutes(2), 4);

    @Test
    void backsOffExponentiallyUpToTheCap() {
        assertEquals(Duration.ofSeconds(10), policy.backoff(1));
        assertEquals(Duration.ofSeconds(30), policy.backoff(2));
        assertEquals(Duration.ofSeconds(90), policy.backoff(3));
        assertEquals(Duration.ofMinutes(2), policy.backoff(4));
        assertEquals(Duration.ofMinutes(2), policy.backoff(60));
    }

    @Test
    void givesUpOnJobErrorsAfterMaxAttemptsButNeverOnSourceOutages() {
        assertEquals(Optional.of(NOW.plusSeconds(90)), policy.afterJobError(3, NOW));
        assertEquals(Optional.empty(), policy.afterJobError(4, NOW));
        assertEquals(NOW.plusSeconds(120), policy.afterSourceFailure(40, NOW));
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, 2, Duration.ofMinutes(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofMinutes(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(10), 2, Duration.ofSeconds(5), 3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(1), 0));
    }
}
