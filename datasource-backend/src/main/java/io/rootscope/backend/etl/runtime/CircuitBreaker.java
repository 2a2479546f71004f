package io.rootscope.backend.etl.runtime;

import io.rootscope.backend.etl.write.JdbcTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * A circuit breaker per source, persisted in {@code etl_job_circuit} so that every backend instance and a restart
 * see the same state: closed until {@code failureThreshold} consecutive failures, then open (calls refused) for
 * {@code coolDown}, then half-open: one trial call is let through, closing the circuit on success and opening
 * it again on failure. A trial whose outcome was never recorded (its worker died) is given up after another
 * cool-down.
 */
// JDBC: the ETL's scheduled runs: a source's circuit, run bookkeeping (db/package-info).
public final class CircuitBreaker {

    public static final int FAILURE_THRESHOLD_DEFAULT = 3;
    public static final Duration COOL_DOWN_DEFAULT = Duration.ofMinutes(1);

    private static final String SELECT = "SELECT state, failure_count, retry_after FROM rootscope.etl_job_circuit WHERE source = ?";
    // Only one caller wins the transition, so only one trial call goes through.
    private static final String START_TRIAL = """
            UPDATE rootscope.etl_job_circuit SET state = 'half_open', updated_at = ?
             WHERE source = ? AND ((state = 'open' AND retry_after <= ?) OR (state = 'half_open' AND updated_at <= ?))""";
    private static final String SUCCESS = """
            UPDATE rootscope.etl_job_circuit
               SET state = 'closed', failure_count = 0, opened_at = NULL, retry_after = NULL, updated_at = ?
             WHERE source = ? AND (state <> 'closed' OR failure_count > 0)""";
    private static final String FAILURE = """
            INSERT INTO rootscope.etl_job_circuit AS c (source, state, failure_count, opened_at, retry_after, last_error, updated_at)
            VALUES (?, CASE WHEN ? <= 1 THEN 'open' ELSE 'closed' END, 1,
                    CASE WHEN ? <= 1 THEN ?::timestamptz END, CASE WHEN ? <= 1 THEN ?::timestamptz END, ?, ?)
            ON CONFLICT ON CONSTRAINT etl_job_circuit_pk DO UPDATE
               SET failure_count = c.failure_count + 1,
                   state = CASE WHEN c.state = 'half_open' OR c.failure_count + 1 >= ? THEN 'open' ELSE c.state END,
                   opened_at = CASE WHEN c.state = 'half_open' OR c.failure_count + 1 >= ? THEN excluded.updated_at ELSE c.opened_at END,
                   retry_after = CASE WHEN c.state = 'half_open' OR c.failure_count + 1 >= ? THEN ?::timestamptz ELSE c.retry_after END,
                   last_error = excluded.last_error, updated_at = excluded.updated_at
            RETURNING state, failure_count, retry_after""";

    private final DataSource dataSource;
    private final int failureThreshold;
    private final Duration coolDown;

    public CircuitBreaker(DataSource dataSource) {
        this(dataSource, FAILURE_THRESHOLD_DEFAULT, COOL_DOWN_DEFAULT);
    }

    public CircuitBreaker(DataSource dataSource, int failureThreshold, Duration coolDown) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failureThreshold);
        }
        if (coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("coolDown must be positive, got " + coolDown);
        }
        this.dataSource = dataSource;
        this.failureThreshold = failureThreshold;
        this.coolDown = coolDown;
    }

    /** Whether a call to {@code source} may be made now; an open circuit past its cool-down lets one trial through. */
    public boolean tryAcquire(String source, Instant now) throws SQLException {
        CircuitState current = state(source);
        if ("closed".equals(current.state())) {
            return true;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(START_TRIAL)) {
            statement.setObject(1, JdbcTime.timestamptz(now));
            statement.setString(2, source);
            statement.setObject(3, JdbcTime.timestamptz(now));
            statement.setObject(4, JdbcTime.timestamptz(now.minus(coolDown)));
            return statement.executeUpdate() == 1;
        }
    }

    public void recordSuccess(String source, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SUCCESS)) {
            statement.setObject(1, JdbcTime.timestamptz(now));
            statement.setString(2, source);
            statement.executeUpdate();
        }
    }

    /** @return the state after counting this failure */
    public CircuitState recordFailure(String source, String error, Instant now) throws SQLException {
        Instant retryAfter = now.plus(coolDown);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FAILURE)) {
            statement.setString(1, source);
            statement.setInt(2, failureThreshold);
            statement.setInt(3, failureThreshold);
            statement.setObject(4, JdbcTime.timestamptz(now));
            statement.setInt(5, failureThreshold);
            statement.setObject(6, JdbcTime.timestamptz(retryAfter));
            statement.setString(7, error);
            statement.setObject(8, JdbcTime.timestamptz(now));
            statement.setInt(9, failureThreshold);
            statement.setInt(10, failureThreshold);
            statement.setInt(11, failureThreshold);
            statement.setObject(12, JdbcTime.timestamptz(retryAfter));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new CircuitState(rows.getString("state"), rows.getInt("failure_count"), JdbcTime.instant(rows, "retry_after"));
            }
        }
    }

    public CircuitState state(String source) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, source);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next()
                        ? new CircuitState(rows.getString("state"), rows.getInt("failure_count"), JdbcTime.instant(rows, "retry_after"))
                        : CircuitState.CLOSED;
            }
        }
    }
}
