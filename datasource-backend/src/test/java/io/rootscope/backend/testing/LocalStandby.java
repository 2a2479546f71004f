package io.rootscope.backend.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The streaming hot standby of the local chroot database, as {@code ./rootscope db standby start} runs it: a copy of
 * the whole cluster on its own port, so every test database created on the primary (also after the standby was made)
 * is on the standby too, read-only, under the same name and roles. Shared by every test JVM; tests never stop it (to
 * cut a backend off it, put a {@link TcpProxy} in between).
 */
public final class LocalStandby {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("ROOTSCOPE_DB_STANDBY_PORT", "55433"));

    private static DatabaseServer standby;

    private LocalStandby() {
    }

    /**
     * Starts the standby of the test server when it does not run yet (idempotent) and returns it: {@code
     * jdbcUrl(database)} is the standby's URL of a test database. The test server must be the local chroot database.
     */
    public static synchronized DatabaseServer start() {
        if (standby == null) {
            DatabaseServer primary = TestDatabase.server();
            if (!primary.adminJdbcUrl().equals(DatabaseServerLocator.localUrl(DatabaseServerLocator.LOCAL_PORT))) {
                throw new IllegalStateException("a standby is made from the local chroot database only, but the tests"
                        + " use the " + primary.origin());
            }
            DatabaseServerLocator.runRootscope("the standby of the local database did not start:", "db", "standby", "start");
            standby = new DatabaseServer(DatabaseServerLocator.localUrl(PORT), primary.adminUser(), primary.adminPassword(),
                    "local standby (./rootscope db standby start)");
        }
        return standby;
    }

    /**
     * Waits until the standby has replayed everything {@code primary}'s server had written when this was called, through
     * the standby's administrative database: a database created since cannot be connected to before that.
     */
    public static void awaitReplay(DatabaseServer standby, DataSource primary, Duration timeout) throws SQLException {
        try (Connection writer = primary.getConnection();
             Connection replica = DriverManager.getConnection(standby.adminJdbcUrl(), standby.adminUser(), standby.adminPassword())) {
            awaitReplay(writer, replica, timeout);
        }
    }

    /**
     * Waits until the standby has replayed everything the primary had written when this was called.
     *
     * @param primary any connection to the primary
     * @param replica any connection to the standby
     */
    public static void awaitReplay(Connection primary, Connection replica, Duration timeout) throws SQLException {
        String lsn;
        try (Statement statement = primary.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rows.next();
            lsn = rows.getString(1);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement replayed = replica.prepareStatement(
                "SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)")) {
            replayed.setString(1, lsn);
            while (true) {
                try (ResultSet rows = replayed.executeQuery()) {
                    rows.next();
                    if (rows.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the standby did not replay the primary's " + lsn + " in " + timeout);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the standby", e);
                }
            }
        }
    }

    /**
     * Pauses the standby's replay until the returned handle is closed: it keeps receiving WAL but shows nothing newer,
     * as a standby far behind would. Keep it short: every test JVM shares the standby.
     */
    public static Paused pauseReplay() throws SQLException {
        DatabaseServer server = start();
        Connection connection = DriverManager.getConnection(server.adminJdbcUrl(), server.adminUser(), server.adminPassword());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_wal_replay_pause()");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!single(statement, "SELECT pg_get_wal_replay_pause_state()").equals("paused")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the standby's replay did not pause");
                }
                Thread.onSpinWait();
            }
        } catch (SQLException | RuntimeException e) {
            resume(connection);
            throw e;
        }
        return () -> resume(connection);
    }

    /** A paused replay; closing it resumes the replay. */
    public interface Paused extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    private static void resume(Connection connection) throws SQLException {
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_wal_replay_resume()");
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
