package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.DatabaseServer;
import io.rootscope.backend.testing.LocalStandby;
import io.rootscope.backend.testing.RepositoryRoot;
import io.rootscope.backend.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code ./rootscope db standby start}: a read-only streaming copy of the whole local cluster. */
class LocalStandbyTest {

    @Test
    void aDatabaseCreatedAfterTheBaseBackupStreamsToTheStandby() throws Exception {
        DatabaseServer standby = LocalStandby.start();
        try (TestDatabase database = TestDatabase.createEmpty();
             Connection primary = database.dataSource().getConnection();
             Statement writes = primary.createStatement()) {
            writes.execute("CREATE TABLE streamed (n int)");
            writes.execute("INSERT INTO streamed SELECT generate_series(1, 1000)");
            LocalStandby.awaitReplay(standby, database.dataSource(), Duration.ofSeconds(30));
            try (Connection replica = DriverManager.getConnection(standby.jdbcUrl(database.name()), TestDatabase.APP_ROLE,
                    System.getenv().getOrDefault("ROOTSCOPE_DB_PASSWORD", "rootscope"));
                 Statement reads = replica.createStatement()) {
                assertEquals(1000, single(reads, "SELECT count(*) FROM streamed"));
                assertEquals(1, single(reads, "SELECT pg_is_in_recovery()::int"));
                SQLException readOnly = assertThrows(SQLException.class, () -> reads.execute("INSERT INTO streamed VALUES (1)"));
                assertEquals("25006", readOnly.getSQLState(), readOnly.getMessage());
            }
        }
    }

    @Test
    void startingItAgainKeepsTheRunningStandby() throws Exception {
        DatabaseServer standby = LocalStandby.start();
        long startedAt;
        try (Connection replica = DriverManager.getConnection(standby.adminJdbcUrl(), standby.adminUser(), standby.adminPassword());
             Statement reads = replica.createStatement()) {
            startedAt = single(reads, "SELECT extract(epoch FROM pg_postmaster_start_time())::bigint");
        }
        Process again = new ProcessBuilder(RepositoryRoot.find().resolve("rootscope").toString(),
                "db", "standby", "start").redirectErrorStream(true).start();
        String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, again.waitFor(), output);
        assertTrue(output.contains("running at postgresql://rootscope@127.0.0.1:"), output);
        try (Connection replica = DriverManager.getConnection(standby.adminJdbcUrl(), standby.adminUser(), standby.adminPassword());
             Statement reads = replica.createStatement()) {
            assertEquals(startedAt, single(reads, "SELECT extract(epoch FROM pg_postmaster_start_time())::bigint"));
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
