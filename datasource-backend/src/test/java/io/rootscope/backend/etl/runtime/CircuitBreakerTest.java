package io.rootscope.backend.etl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final DataSource db = TestDatabase.shared().dataSource();
    private final CircuitBreaker breaker = new CircuitBreaker(db, 3, Duration.ofSeconds(60));
    private final String source = "test:" + UUID.randomUUID();

    @Test
    void opensAfterTheThresholdAndRefusesCallsDuringTheCoolDown() throws SQLException {
        assertTrue(breaker.tryAcquire(source, NOW));
        assertEquals("closed", breaker.recordFailure(source, "refused", NOW).state());
        assertEquals("closed", breaker.recordFailure(source, "refused", NOW).state());
        CircuitState open = breaker.recordFailure(source, "refused", NOW);
        assertEquals(new CircuitState("open", 3, NOW.plusSeconds(60)), open);
        assertFalse(breaker.tryAcquire(source, NOW.plusSeconds(59)));
    }

    @Test
    void halfOpenLetsOneTrialThroughThenClosesOnSuccess() throws SQLException {
        open();
        assertTrue(breaker.tryAcquire(source, NOW.plusSeconds(60)), "cool-down over: a trial");
        assertEquals("half_open", breaker.state(source).state());
        assertFalse(breaker.tryAcquire(source, NOW.plusSeconds(61)), "only one trial at a time");
        breaker.recordSuccess(source, NOW.plusSeconds(62));
        assertEquals(CircuitState.CLOSED, breaker.state(source));
        assertTrue(breaker.tryAcquire(source, NOW.plusSeconds(62)));
    }

    @Test
    void aFailedTrialOpensTheCircuitAgainAndAnAbandonedOneIsGivenUp() throws SQLException {
        open();
        assertTrue(breaker.tryAcquire(source, NOW.plusSeconds(60)));
        CircuitState reopened = breaker.recordFailure(source, "still refused", NOW.plusSeconds(61));
        assertEquals("open", reopened.state());
        assertEquals(NOW.plusSeconds(121), reopened.retryAfter());
        assertTrue(breaker.tryAcquire(source, NOW.plusSeconds(121)));
        // Nobody records the trial's outcome: after another cool-down a new trial may go.
        assertFalse(breaker.tryAcquire(source, NOW.plusSeconds(180)));
        assertTrue(breaker.tryAcquire(source, NOW.plusSeconds(181)));
    }

    @Test
    void aThresholdOfOneOpensOnTheFirstFailure() throws SQLException {
        assertEquals("open", new CircuitBreaker(db, 1, Duration.ofSeconds(5)).recordFailure(source, "x", NOW).state());
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(db, 0, Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(db, 1, Duration.ZERO));
    }

    private void open() throws SQLException {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure(source, "refused", NOW);
        }
    }
}
