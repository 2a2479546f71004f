package io.rootscope.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.testing.LocalStandby;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A test database as the local streaming standby ({@link LocalStandby}, started when it is not running) replicates it,
 * read with the application role (which sees every tenant's rows). The standby serves the whole cluster and is shared,
 * so it is left running.
 */
final class Standby implements AutoCloseable {

    /** PostgreSQL's SQLSTATE for a database that does not exist (yet, on the standby). */
    static final String INVALID_CATALOG_NAME = "3D000";
    static final Duration REPLAY_LIMIT = Duration.ofSeconds(60);

    private final String jdbcUrl;
    private final DatabaseSettings role;
    private final Connection connection;

    private Standby(String jdbcUrl, DatabaseSettings role) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.role = role;
        this.connection = connection();
    }

    /** The database on the standby, once the standby has replayed its creation. */
    static Standby of(TestDatabase database) throws SQLException, InterruptedException {
        String url = LocalStandby.start().jdbcUrl(database.name());
        DatabaseSettings role = database.settings(TestDatabase.APP_ROLE, "rootscope");
        Instant deadline = Instant.now().plus(REPLAY_LIMIT);
        while (true) {
            try {
                return new Standby(url, role);
            } catch (SQLException e) {
                if (!INVALID_CATALOG_NAME.equals(e.getSQLState()) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** A new connection to the database on the standby. */
    Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, role.user(), role.password());
    }

    synchronized boolean inRecovery() throws SQLException {
        try (var statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT pg_is_in_recovery()")) {
            result.next();
            return result.getBoolean(1);
        }
    }

    /** The tenant's rows of each pushed kind on the standby. */
    synchronized Map<AcknowledgedPushes.Kind, Long> rows(long tenantId) throws SQLException {
        Map<AcknowledgedPushes.Kind, Long> rows = new EnumMap<>(AcknowledgedPushes.Kind.class);
        for (AcknowledgedPushes.Kind kind : AcknowledgedPushes.Kind.values()) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + kind.table + " WHERE tenant_id = ?")) {
                statement.setLong(1, tenantId);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    rows.put(kind, result.getLong(1));
                }
            }
        }
        return rows;
    }

    /** Waits until the standby has replayed all the primary has written, then compares the tenant's rows on both. */
    void awaitSameRows(DataSource primary, long tenantId, Duration limit) throws SQLException {
        Map<AcknowledgedPushes.Kind, Long> expected = new EnumMap<>(AcknowledgedPushes.Kind.class);
        for (AcknowledgedPushes.Kind kind : AcknowledgedPushes.Kind.values()) {
            expected.put(kind, AcknowledgedPushes.stored(primary, kind, tenantId));
        }
        try (Connection onPrimary = primary.getConnection(); Connection onStandby = connection()) {
            LocalStandby.awaitReplay(onPrimary, onStandby, limit);
        }
        assertEquals(expected, rows(tenantId), "the tenant's rows on the standby once it replayed the primary's");
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
