package io.rootscope.backend.etl.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential backoff between attempts of a failed window: {@code initialBackoff * multiplier^(attempts-1)}, capped
 * at {@code maxBackoff}. A job error gives up after {@code maxAttempts}; a source outage never gives up (the
 * window must not be lost), it only waits longer.
 */
public record RetryPolicy(Duration initialBackoff, double multiplier, Duration maxBackoff, int maxAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(30), 2.0, Duration.ofMinutes(30), 8);

    public RetryPolicy {
        if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be at least initialBackoff, got " + maxBackoff);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** The wait after the {@code attempts}-th failed attempt. */
    public Duration backoff(int attempts) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }

    /** When to try again after a job error at the {@code attempts}-th attempt, or empty to give up. */
    public Optional<Instant> afterJobError(int attempts, Instant now) {
        return attempts >= maxAttempts ? Optional.empty() : Optional.of(now.plus(backoff(attempts)));
    }

    /** When to try again after the source failed at the {@code attempts}-th attempt. */
    public Instant afterSourceFailure(int attempts, Instant now) {
        return now.plus(backoff(attempts));
    }
}
