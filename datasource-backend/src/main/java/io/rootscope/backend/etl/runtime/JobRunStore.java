package io.rootscope.backend.etl.runtime;

import io.rootscope.backend.db.replica.ReplicaSettings;
import io.rootscope.backend.etl.write.JdbcTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Exactly-once bookkeeping in {@code etl_job_run}. A window is claimed by inserting its row, or by taking over a
 * row that is due for retry or whose 'running' attempt was abandoned: its replica's heartbeat ({@code backend_replica})
 * is older than the lease or gone (the replica died), or the attempt is older than {@code staleAfter} (its worker hung);
 * the unique key (job, tenant, window_from) lets only one claimant win. A succeeded row is never claimed again,
 * except by a replay. Every taking over counts an attempt, and an outcome is recorded only while the row still shows
 * its claim's attempt: a replica that comes back after losing a window cannot commit it.
 */
// JDBC: the ETL's scheduled runs: claims and marks committed with the run's writes (db/package-info).
public final class JobRunStore {

    public static final Duration STALE_AFTER_DEFAULT = Duration.ofMinutes(15);

    /** A 'running' attempt of row {@code r} that nobody works on any more: (staleAfter threshold, lease threshold). */
    private static final String ABANDONED = """
            (r.started_at < ? OR (r.replica_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM rootscope.backend_replica b WHERE b.replica_id = r.replica_id AND b.heartbeat_at >= ?)))""";
    private static final String CLAIM = """
            INSERT INTO rootscope.etl_job_run AS r (job, tenant_id, window_from, window_to, status, attempts, started_at, replica_id)
            VALUES (?, ?, ?, ?, 'running', 1, ?, ?)
            ON CONFLICT ON CONSTRAINT etl_job_run_window_uq DO UPDATE
               SET status = 'running', attempts = CASE WHEN ? THEN 1 ELSE r.attempts + 1 END,
                   window_to = excluded.window_to, started_at = excluded.started_at, replica_id = excluded.replica_id,
                   next_attempt_at = NULL, finished_at = NULL
             WHERE (r.status = 'retrying' AND r.next_attempt_at <= excluded.started_at)
                OR (r.status = 'running' AND %s)
                OR (? AND r.status <> 'running')
            RETURNING run_id, attempts""".formatted(ABANDONED);
    private static final String SUCCEED = """
            UPDATE rootscope.etl_job_run
               SET status = 'succeeded', rows_written = ?, rows_rejected = ?, finished_at = ?, last_error = NULL
             WHERE run_id = ? AND status = 'running' AND attempts = ?""";
    private static final String FAIL = """
            UPDATE rootscope.etl_job_run
               SET status = ?, last_error = ?, next_attempt_at = ?, finished_at = ?
             WHERE run_id = ? AND status = 'running' AND attempts = ?""";
    private static final String FRONTIER = "SELECT max(window_to) AS frontier FROM rootscope.etl_job_run WHERE job = ? AND tenant_id = ?";
    private static final String RETRIES_DUE = """
            SELECT window_from, window_to FROM rootscope.etl_job_run r
             WHERE job = ? AND tenant_id = ?
               AND ((status = 'retrying' AND next_attempt_at <= ?) OR (status = 'running' AND %s))
             ORDER BY window_from""".formatted(ABANDONED);
    private static final String LAST_SUCCEEDED = """
            SELECT max(window_to) AS until FROM rootscope.etl_job_run WHERE job = ? AND tenant_id = ? AND status = 'succeeded'""";

    private static final String COMPLETE_UNTIL = """
            SELECT coalesce(min(window_from) FILTER (WHERE status IN ('running', 'retrying')), max(window_to)) AS until
              FROM rootscope.etl_job_run WHERE job = ? AND tenant_id = ?""";

    private final DataSource dataSource;
    private final Duration staleAfter;
    /** This replica's id, written on its claims; null outside a backend (only staleAfter frees such claims). */
    private final String replicaId;
    /** How old another replica's heartbeat may be while its claims stand. */
    private final Duration lease;

    public JobRunStore(DataSource dataSource) {
        this(dataSource, STALE_AFTER_DEFAULT);
    }

    /** @param staleAfter how long a 'running' attempt may last before another worker may take the window over */
    public JobRunStore(DataSource dataSource, Duration staleAfter) {
        this(dataSource, staleAfter, null, ReplicaSettings.LEASE_DEFAULT);
    }

    /** The claims of {@code replica}, kept while its heartbeat is younger than its lease. */
    public JobRunStore(DataSource dataSource, Duration staleAfter, ReplicaSettings replica) {
        this(dataSource, staleAfter, replica.id(), replica.lease());
    }

    private JobRunStore(DataSource dataSource, Duration staleAfter, String replicaId, Duration lease) {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
        }
        this.dataSource = dataSource;
        this.staleAfter = staleAfter;
        this.replicaId = replicaId;
        this.lease = lease;
    }

    /** Claims the window unless it succeeded, is running, or waits for its retry time; empty when not claimed. */
    public Optional<JobRunClaim> claim(String job, long tenantId, EtlWindow window, Instant now) throws SQLException {
        return claim(job, tenantId, window, now, false);
    }

    /** Claims the window for a replay: also when it succeeded or failed for good, but not while it is running. */
    public Optional<JobRunClaim> claimForReplay(String job, long tenantId, EtlWindow window, Instant now) throws SQLException {
        return claim(job, tenantId, window, now, true);
    }

    private Optional<JobRunClaim> claim(String job, long tenantId, EtlWindow window, Instant now, boolean replay)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setString(1, job);
            statement.setLong(2, tenantId);
            statement.setObject(3, JdbcTime.timestamptz(window.from()));
            statement.setObject(4, JdbcTime.timestamptz(window.to()));
            statement.setObject(5, JdbcTime.timestamptz(now));
            statement.setString(6, replicaId);
            statement.setBoolean(7, replay);
            statement.setObject(8, JdbcTime.timestamptz(now.minus(staleAfter)));
            statement.setObject(9, JdbcTime.timestamptz(now.minus(lease)));
            statement.setBoolean(10, replay);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next()
                        ? Optional.of(new JobRunClaim(rows.getLong("run_id"), job, tenantId, window, rows.getInt("attempts")))
                        : Optional.empty();
            }
        }
    }

    /**
     * Marks the claim succeeded on {@code connection}, in the transaction holding the window's writes.
     *
     * @return false when the claim was lost (another worker took the window over): the caller must roll back
     */
    public boolean markSucceeded(Connection connection, JobRunClaim claim, JobOutcome outcome, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SUCCEED)) {
            statement.setLong(1, outcome.rowsWritten());
            statement.setLong(2, outcome.rowsRejected());
            statement.setObject(3, JdbcTime.timestamptz(now));
            statement.setLong(4, claim.runId());
            statement.setInt(5, claim.attempts());
            return statement.executeUpdate() == 1;
        }
    }

    /** Records a failed attempt: retried from {@code nextAttemptAt}, or failed for good when it is null. */
    public void markFailed(JobRunClaim claim, String error, Instant nextAttemptAt, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FAIL)) {
            statement.setString(1, nextAttemptAt == null ? "failed" : "retrying");
            statement.setString(2, error);
            statement.setObject(3, JdbcTime.timestamptz(nextAttemptAt));
            statement.setObject(4, JdbcTime.timestamptz(now));
            statement.setLong(5, claim.runId());
            statement.setInt(6, claim.attempts());
            statement.executeUpdate();
        }
    }

    /** The end of the latest window ever claimed, or null when the job never ran for the tenant. */
    public Instant frontier(String job, long tenantId) throws SQLException {
        return instant(FRONTIER, job, tenantId, "frontier");
    }

    /** The end of the latest succeeded window, or null. */
    public Instant lastSucceeded(String job, long tenantId) throws SQLException {
        return instant(LAST_SUCCEEDED, job, tenantId, "until");
    }

    /**
     * The time up to which the job's windows are done: the start of its earliest window still running or waiting
     * for a retry, else the end of its latest window (windows failed for good do not hold it back); null when it
     * never ran for the tenant.
     */
    public Instant completeUntil(String job, long tenantId) throws SQLException {
        return instant(COMPLETE_UNTIL, job, tenantId, "until");
    }

    /** Windows waiting for a retry that is due, and windows whose attempt was abandoned, oldest first. */
    public List<EtlWindow> retriesDue(String job, long tenantId, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RETRIES_DUE)) {
            statement.setString(1, job);
            statement.setLong(2, tenantId);
            statement.setObject(3, JdbcTime.timestamptz(now));
            statement.setObject(4, JdbcTime.timestamptz(now.minus(staleAfter)));
            statement.setObject(5, JdbcTime.timestamptz(now.minus(lease)));
            List<EtlWindow> windows = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    windows.add(new EtlWindow(JdbcTime.instant(rows, "window_from"), JdbcTime.instant(rows, "window_to")));
                }
            }
            return windows;
        }
    }

    private Instant instant(String sql, String job, long tenantId, String column) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, job);
            statement.setLong(2, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return JdbcTime.instant(rows, column);
            }
        }
    }
}
