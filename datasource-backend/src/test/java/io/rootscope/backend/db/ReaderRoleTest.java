package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read-only role of the query path and of Grafana's PostgreSQL data source reads the rows of the tenant its session
 * names, and writes nothing: no table, no temporary table.
 */
class ReaderRoleTest {

    private static HikariDataSource reader;

    @BeforeAll
    static void connect() {
        TestDatabase database = TestDatabase.shared();
        reader = DataSourceFactory.create(database.readerSettings(), "reader-test");
    }

    @AfterAll
    static void close() {
        reader.close();
    }

    @Test
    void readsTablesAndTheGraphOfItsTenant() throws SQLException {
        try (Connection connection = reader.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET rootscope.tenant = 'default'");
            try (ResultSet rows = statement.executeQuery("SELECT code FROM dim_tenant")) {
                assertTrue(rows.next());
                assertEquals("default", rows.getString(1));
                assertFalse(rows.next(), "only the tenant the session names");
            }
            statement.executeQuery("SELECT * FROM ag_catalog.cypher('ops', $$ MATCH (n:Resource) RETURN count(n) $$) AS (n ag_catalog.agtype)").close();
            statement.execute("RESET rootscope.tenant");
        }
    }

    @Test
    void cannotWrite() {
        SQLException denied = assertThrows(SQLException.class,
                () -> Rows.execute(reader, "INSERT INTO dim_tenant (code, name) VALUES ('intruder', 'x')"));
        assertEquals("42501", denied.getSQLState(), denied.getMessage());
    }

    @Test
    void cannotWriteTheGraphSequencesOrSchemas() {
        for (String write : new String[] {
                "SELECT * FROM ag_catalog.cypher('ops', $$ CREATE (:Resource {tenant: 1, urn: 'intruder'}) $$) AS (n ag_catalog.agtype)",
                "SELECT nextval('rootscope.data_revision_seq')", "CREATE TABLE public.intruder (x int)", "CREATE SCHEMA intruder"}) {
            SQLException denied = assertThrows(SQLException.class, () -> Rows.execute(reader, write), write);
            assertEquals("42501", denied.getSQLState(), write + ": " + denied.getMessage());
        }
    }

    @Test
    void cannotCreateTemporaryTables() {
        SQLException denied = assertThrows(SQLException.class, () -> Rows.execute(reader, "CREATE TEMPORARY TABLE scratch (x int)"));
        assertEquals("42501", denied.getSQLState(), denied.getMessage());
    }

    @Test
    void cannotReadTokenHashes() {
        SQLException denied = assertThrows(SQLException.class, () -> Rows.column(reader, "SELECT token_sha256 FROM api_token"));
        assertEquals("42501", denied.getSQLState(), denied.getMessage());
    }
}
