package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read-only role of the query path and of Grafana's PostgreSQL data source reads everything, writes nothing. */
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
    void readsTablesAndTheGraph() throws SQLException {
        assertEquals("default", Rows.single(reader, "SELECT code FROM dim_tenant WHERE tenant_id = 1"));
        Rows.column(reader, "SELECT * FROM ag_catalog.cypher('ops', $$ MATCH (n:Resource) RETURN count(n) $$) AS (n ag_catalog.agtype)");
    }

    @Test
    void cannotWrite() {
        SQLException denied = assertThrows(SQLException.class,
                () -> Rows.execute(reader, "INSERT INTO dim_tenant (code, name) VALUES ('intruder', 'x')"));
        assertEquals("42501", denied.getSQLState(), denied.getMessage());
    }
}
