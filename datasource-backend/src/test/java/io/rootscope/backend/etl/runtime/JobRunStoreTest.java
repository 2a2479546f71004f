package io.rootscope.backend.etl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JobRunStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final EtlWindow WINDOW = new EtlWindow(NOW.minusSeconds(120), NOW.minusSeconds(60));
    private final DataSource db = TestDatabase.shared().dataSource();
    private final JobRunStore store = new JobRunStore(db, Duration.ofMinutes(5));

    @Test
    void aWindowIsClaimedOnceAndASucceededOneNeverAgainExceptByReplay() throws SQLException {
        long tenant = TestTenant.create(db, "claims").id();
        JobRunClaim claim = store.claim("job", tenant, WINDOW, NOW).orElseThrow();
        assertEquals(1, claim.attempts());
        assertTrue(store.claim("job", tenant, WINDOW, NOW).isEmpty(), "running: a second claimant loses");
        assertTrue(store.claimForReplay("job", tenant, WINDOW, NOW).isEmpty(), "running: even a replay waits");
        succeed(claim);
        assertTrue(store.claim("job", tenant, WINDOW, NOW.plusSeconds(3600)).isEmpty(), "succeeded: never claimed again");
        JobRunClaim replay = store.claimForReplay("job", tenant, WINDOW, NOW.plusSeconds(1)).orElseThrow();
        assertEquals(claim.runId(), replay.runId());
        assertEquals(1, replay.attempts(), "a replay starts counting attempts afresh");
        assertTrue(store.claim("job", TestTenant.create(db, "claims").id(), WINDOW, NOW).isPresent(), "other tenants are independent");
        assertTrue(store.claim("other-job", tenant, WINDOW, NOW).isPresent(), "other jobs are independent");
    }

    @Test
    void aRetryIsClaimableOnlyFromItsNextAttemptTime() throws SQLException {
        long tenant = TestTenant.create(db, "claims").id();
        JobRunClaim first = store.claim("job", tenant, WINDOW, NOW).orElseThrow();
        store.markFailed(first, "boom", NOW.plusSeconds(30), NOW);
        assertEquals("retrying|boom", Rows.single(db, "SELECT status || '|' || last_error FROM etl_job_run WHERE run_id = " + first.runId()));
        assertEquals(List.of(), store.retriesDue("job", tenant, NOW.plusSeconds(29)));
        assertTrue(store.claim("job", tenant, WINDOW, NOW.plusSeconds(29)).isEmpty());
        assertEquals(List.of(WINDOW), store.retriesDue("job", tenant, NOW.plusSeconds(30)));
        JobRunClaim second = store.claim("job", tenant, WINDOW, NOW.plusSeconds(30)).orElseThrow();
        assertEquals(2, second.attempts());
        store.markFailed(second, "boom again", null, NOW.plusSeconds(31));
        assertEquals("failed", Rows.single(db, "SELECT status FROM etl_job_run WHERE run_id = " + first.runId()));
        assertTrue(store.claim("job", tenant, WINDOW, NOW.plusSeconds(99_999)).isEmpty(), "failed for good: only a replay");
    }

    @Test
    void aStaleRunningAttemptIsTakenOverAndTheOldWorkerCannotMarkIt() throws SQLException {
        long tenant = TestTenant.create(db, "claims").id();
        JobRunClaim crashed = store.claim("job", tenant, WINDOW, NOW).orElseThrow();
        assertTrue(store.claim("job", tenant, WINDOW, NOW.plus(Duration.ofMinutes(4))).isEmpty(), "not stale yet");
        assertEquals(List.of(WINDOW), store.retriesDue("job", tenant, NOW.plus(Duration.ofMinutes(6))));
        JobRunClaim takeover = store.claim("job", tenant, WINDOW, NOW.plus(Duration.ofMinutes(6))).orElseThrow();
        assertEquals(2, takeover.attempts());
        try (Connection connection = db.getConnection()) {
            assertFalse(store.markSucceeded(connection, crashed, new JobOutcome(1, 0), NOW), "the old claim is lost");
        }
        succeed(takeover);
        assertEquals("succeeded|5|1", Rows.single(db, "SELECT status || '|' || rows_written || '|' || rows_rejected FROM etl_job_run WHERE run_id = " + takeover.runId()));
    }

    @Test
    void frontierAndLastSucceededFollowTheRows() throws SQLException {
        long tenant = TestTenant.create(db, "claims").id();
        assertNull(store.frontier("job", tenant));
        JobRunClaim older = store.claim("job", tenant, WINDOW, NOW).orElseThrow();
        succeed(older);
        EtlWindow next = new EtlWindow(WINDOW.to(), WINDOW.to().plusSeconds(60));
        store.claim("job", tenant, next, NOW).orElseThrow();
        assertEquals(next.to(), store.frontier("job", tenant));
        assertEquals(WINDOW.to(), store.lastSucceeded("job", tenant));
        assertEquals(next.from(), store.completeUntil("job", tenant), "held back by the running window");
    }

    private void succeed(JobRunClaim claim) throws SQLException {
        try (Connection connection = db.getConnection()) {
            assertTrue(store.markSucceeded(connection, claim, new JobOutcome(5, 1), NOW));
        }
    }
}
