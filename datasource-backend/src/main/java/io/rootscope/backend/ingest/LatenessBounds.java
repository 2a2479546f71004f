package io.rootscope.backend.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Which record times a push may stage: at most {@code horizon} old (a late record's closed five-minute bucket is
 * recomputed, see {@code pending_bucket}) and at most {@link #FUTURE_TOLERANCE} ahead of this server's clock. A record
 * outside is rejected and reported, never acknowledged and dropped.
 */
public record LatenessBounds(Duration horizon, Clock clock) {

    public static final Duration HORIZON_DEFAULT = Duration.ofMinutes(120);
    /** Staged rows are kept two days (V011): a bucket recomputed later than that would have lost rows. */
    public static final Duration HORIZON_MAX = Duration.ofHours(24);
    /** Room for clock skew between a sender and this server. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);

    public LatenessBounds {
        if (horizon == null || horizon.compareTo(Duration.ofMinutes(1)) < 0 || horizon.compareTo(HORIZON_MAX) > 0) {
            throw new IllegalArgumentException("the lateness horizon must be between 1 minute and " + HORIZON_MAX.toMinutes()
                    + " minutes, got " + horizon);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must be set");
        }
    }

    /** Why a record of this time may not be staged now, or null when it may. */
    public String problem(long unixNano) {
        Instant at = Instant.ofEpochSecond(0, unixNano);
        Instant now = clock.instant();
        if (at.isBefore(now.minus(horizon))) {
            return Duration.between(at, now).toMinutes() + " minutes old, beyond the lateness horizon of " + horizon.toMinutes() + " minutes";
        }
        if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
            return "more than " + FUTURE_TOLERANCE.toMinutes() + " minutes ahead of the server's clock (" + now + ")";
        }
        return null;
    }
}
