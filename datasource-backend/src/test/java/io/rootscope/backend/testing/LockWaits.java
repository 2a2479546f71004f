package io.rootscope.backend.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/** For tests that stage a lock conflict: which server process a connection is, and when it waits for a lock. */
public final class LockWaits {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private LockWaits() {
    }

    /** The server process id of {@code connection}. */
    public static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Returns once server process {@code pid} waits for a lock; throws after 30 s without. */
    public static void awaitLockWait(DataSource db, int pid) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(LIMIT);
        while (!"1".equals(Rows.single(db, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid + " AND wait_event_type = 'Lock'"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("process " + pid + " never waited for a lock within " + LIMIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
