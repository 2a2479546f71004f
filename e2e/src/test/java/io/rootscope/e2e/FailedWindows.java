package io.rootscope.e2e;

import io.rootscope.backend.testing.Rows;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Samples {@code etl_job_run} while replicas work and remembers every ETL window seen failed or waiting for its retry: a
 * window that took several attempts ran twice unless one of them failed (a failed attempt wrote nothing). A retry waits
 * seconds for its back-off, so a sample every {@link #EVERY} sees it.
 */
final class FailedWindows {

    static final Duration EVERY = Duration.ofMillis(250);

    private final DataSource db;
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();

    FailedWindows(DataSource db) {
        this.db = db;
    }

    /** Samples until {@code running} turns false. */
    Void run(AtomicBoolean running) throws SQLException, InterruptedException {
        while (running.get()) {
            Rows.column(db, "SELECT run_id FROM etl_job_run WHERE status IN ('failed', 'retrying')").forEach(id -> seen.add(Long.parseLong(id)));
            Thread.sleep(EVERY.toMillis());
        }
        return null;
    }

    Set<Long> seen() {
        return Set.copyOf(seen);
    }

    /** The windows failed or waiting for a retry now, with their error. */
    static List<String> failing(DataSource db) throws SQLException {
        return Rows.column(db, "SELECT job || ' ' || window_from || ': ' || attempts || ' attempts, ' || status || coalesce(' ' || last_error, '')"
                + " FROM etl_job_run WHERE status IN ('failed', 'retrying')");
    }
}
