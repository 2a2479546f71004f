package io.rootscope.backend.lifecycle;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the retention and rollup jobs that TimescaleDB does not run itself (Apache-only build): every period it
 * calls {@code rootscope.run_due_lifecycle_jobs()}, which runs the due rows of {@code lifecycle_job}. On the
 * Community license every job is native and the call does nothing. Safe with several backends: the function
 * locks each job it runs.
 */
// JDBC: scheduled maintenance: retention and rollup jobs, off the request path (db/package-info).
public final class LifecycleScheduler implements AutoCloseable {

    public static final Duration PERIOD_DEFAULT = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleScheduler.class);

    private final DataSource dataSource;
    private final Duration period;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lifecycle-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    public LifecycleScheduler(DataSource dataSource) {
        this(dataSource, PERIOD_DEFAULT);
    }

    public LifecycleScheduler(DataSource dataSource, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("lifecycle period must be positive, got " + period);
        }
        this.dataSource = dataSource;
        this.period = period;
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::runLogged, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the due jobs now; returns each job run with its result. First gives new chunks the row security of their
     * hypertable (V016: a chunk read by its own name would otherwise show the read-only role every tenant's rows), committing
     * chunk by chunk (V029: holding them all deadlocked with pushes writing them).
     */
    public Map<String, String> runDueJobs() throws SQLException {
        Map<String, String> results = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CALL rootscope.enable_chunk_row_security()");
            try (ResultSet rows = statement.executeQuery("SELECT job_name, result FROM rootscope.run_due_lifecycle_jobs()")) {
                while (rows.next()) {
                    results.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return results;
    }

    private void runLogged() {
        try {
            runDueJobs().forEach((job, result) -> LOG.info("lifecycle job {}: {}", job, result));
        } catch (SQLException | RuntimeException e) {
            // The next period retries; a database outage must not kill the scheduler thread.
            LOG.warn("lifecycle jobs failed, retrying in {}: {}", period, e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
