package io.rootscope.backend.etl.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one window of one job exactly once: asks the source's circuit breaker, claims the window, runs the job in
 * a transaction that also marks the window succeeded, and on failure rolls everything back and schedules the
 * retry. A source outage counts against the circuit and is retried however long it lasts; a job error is
 * retried up to the policy's attempts.
 */
// JDBC: the ETL's scheduled runs: owns the window run's transaction (db/package-info).
public final class WindowRunner {

    private static final Logger LOG = LoggerFactory.getLogger(WindowRunner.class);

    private final DataSource dataSource;
    private final JobRunStore runs;
    private final CircuitBreaker circuits;
    private final RetryPolicy retry;
    private final EtlMetrics metrics;
    private final Clock clock;

    public WindowRunner(DataSource dataSource, JobRunStore runs, CircuitBreaker circuits, RetryPolicy retry,
                        EtlMetrics metrics, Clock clock) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.circuits = circuits;
        this.retry = retry;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Claims taken by this runner whose outcome the database did not receive. */
    private final Set<JobRunClaim> unsettled = ConcurrentHashMap.newKeySet();

    public WindowRun run(EtlJob job, long tenantId, EtlWindow window) throws SQLException {
        return run(job, tenantId, window, false);
    }

    /** Runs the window again even if it succeeded before (not while it is running). */
    public WindowRun replay(EtlJob job, long tenantId, EtlWindow window) throws SQLException {
        return run(job, tenantId, window, true);
    }

    private WindowRun run(EtlJob job, long tenantId, EtlWindow window, boolean replay) throws SQLException {
        if (!circuits.tryAcquire(job.source(), clock.instant())) {
            return new WindowRun(job.name(), tenantId, window, WindowRunStatus.CIRCUIT_OPEN, null, null);
        }
        Optional<JobRunClaim> claimed = replay
                ? runs.claimForReplay(job.name(), tenantId, window, clock.instant())
                : runs.claim(job.name(), tenantId, window, clock.instant());
        if (claimed.isEmpty()) {
            return new WindowRun(job.name(), tenantId, window, WindowRunStatus.NOT_CLAIMED, null, null);
        }
        JobRunClaim claim = claimed.get();
        try {
            return runClaimed(job, tenantId, window, claim);
        } catch (SQLException e) {
            // The database went away before the outcome was recorded: the row stays 'running', which would hold the
            // window, and every aggregate waiting for it, until it went stale. Settle it once the database is back.
            unsettled.add(claim);
            throw e;
        }
    }

    /**
     * Marks the windows whose outcome could not be recorded as due for a retry now; those it cannot mark yet stay
     * for the next call. Call before scheduling windows.
     */
    public void settleUnrecorded() throws SQLException {
        for (JobRunClaim claim : List.copyOf(unsettled)) {
            runs.markFailed(claim, "outcome not recorded: the database was unavailable", clock.instant(), clock.instant());
            unsettled.remove(claim);
        }
    }

    private WindowRun runClaimed(EtlJob job, long tenantId, EtlWindow window, JobRunClaim claim) throws SQLException {
        try {
            JobOutcome outcome = runInTransaction(job, claim);
            circuits.recordSuccess(job.source(), clock.instant());
            metrics.windowSucceeded(job.name(), outcome);
            metrics.circuit(job.source(), CircuitState.CLOSED);
            return new WindowRun(job.name(), tenantId, window, WindowRunStatus.SUCCEEDED, outcome, null);
        } catch (SourceUnavailableException e) {
            CircuitState circuit = circuits.recordFailure(job.source(), e.getMessage(), clock.instant());
            metrics.circuit(job.source(), circuit);
            metrics.windowFailed(job.name(), true);
            runs.markFailed(claim, e.getMessage(), retry.afterSourceFailure(claim.attempts(), clock.instant()), clock.instant());
            LOG.warn("{} window {} of tenant {}: source unavailable ({}), circuit {}", job.name(), window, tenantId,
                    e.getMessage(), circuit.state());
            return new WindowRun(job.name(), tenantId, window, WindowRunStatus.RETRY_SCHEDULED, null, e.getMessage());
        } catch (SQLException | RuntimeException e) {
            // The source answered: a database or job error says nothing against it.
            circuits.recordSuccess(job.source(), clock.instant());
            metrics.windowFailed(job.name(), false);
            Instant next = retry.afterJobError(claim.attempts(), clock.instant()).orElse(null);
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            runs.markFailed(claim, error, next, clock.instant());
            LOG.warn("{} window {} of tenant {} failed at attempt {}: {}", job.name(), window, tenantId, claim.attempts(), error);
            return new WindowRun(job.name(), tenantId, window,
                    next == null ? WindowRunStatus.FAILED : WindowRunStatus.RETRY_SCHEDULED, null, error);
        }
    }

    private JobOutcome runInTransaction(EtlJob job, JobRunClaim claim) throws SourceUnavailableException, SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                JobOutcome outcome = job.run(new JobContext(claim.tenantId(), claim.window(), connection));
                if (!runs.markSucceeded(connection, claim, outcome, clock.instant())) {
                    throw new SQLException("lost the claim of " + claim.job() + " window " + claim.window()
                            + ": another worker took it over after it went stale");
                }
                connection.commit();
                return outcome;
            } catch (SourceUnavailableException | SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
