package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.testing.DatabaseServer;
import io.rootscope.backend.testing.LocalStandby;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TcpProxy;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadRouting} with the real standby of the local database ({@code ./rootscope db standby start}): reads go to
 * the standby when it has replayed what they must see, else, within a bounded wait, to the primary.
 */
class ReadRoutingTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private static TestDatabase database;
    private static DatabaseServer standbyServer;
    private static HikariDataSource primaryReader;
    private static HikariDataSource standbyReader;

    @BeforeAll
    static void start() throws Exception {
        standbyServer = LocalStandby.start();
        database = TestDatabase.createEmpty();
        Rows.execute(database.dataSource(), "CREATE TABLE public.streamed (n int)");
        Rows.execute(database.dataSource(), "GRANT SELECT ON public.streamed TO " + TestDatabase.READER_ROLE);
        DatabaseSettings reader = database.readerSettings();
        primaryReader = DataSourceFactory.create(reader, "test-primary-reader");
        standbyReader = DataSourceFactory.createStandby(new DatabaseSettings(standbyServer.jdbcUrl(database.name()),
                reader.user(), reader.password(), 4), "test-standby-reader");
        // Under load the standby may not have replayed the table yet when the first test reads it there.
        try (Connection primary = database.dataSource().getConnection(); Connection replica = standbyReader.getConnection()) {
            LocalStandby.awaitReplay(primary, replica, Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stop() {
        standbyReader.close();
        primaryReader.close();
        database.close();
    }

    @Test
    void panelReadsAreServedByTheStandby() throws Exception {
        ReadRouting routing = ReadRouting.withStandby(primaryReader, standbyReader, WAIT);
        try (Connection connection = routing.connection()) {
            assertTrue(inRecovery(connection));
        }
        assertEquals(1, routing.standbyCheckouts());
        assertEquals(0, routing.primaryCheckouts());
    }

    @Test
    void aDiagnosisSeesEveryRowCommittedBeforeItStartedEvenWhenTheStandbyIsBehind() throws Exception {
        ReadRouting routing = ReadRouting.withStandby(primaryReader, standbyReader, WAIT);
        TenantReader readers = new TenantReader(routing, new Settings());
        // The other tests' writes replayed first: one replayed after this count would read as the paused standby moving.
        try (Connection primary = database.dataSource().getConnection(); Connection replica = standbyReader.getConnection()) {
            LocalStandby.awaitReplay(primary, replica, Duration.ofSeconds(30));
        }
        long before = count(readers.forTenant(1));
        try (LocalStandby.Paused paused = LocalStandby.pauseReplay()) {
            // Ingest writes by JDBC, which a panel read does not wait for: the standby's panel reads lag behind.
            Rows.execute(database.dataSource(), "INSERT INTO public.streamed SELECT generate_series(1, 500)");
            assertEquals(before, count(readers.forTenant(1)));
            assertEquals(before + 500, count(readers.upToDate(1)));
            assertEquals(1, routing.primaryCheckouts(), "the standby could not replay the ingest: the primary answered");
        }
        // Replayed, the standby serves diagnoses again.
        try (Connection primary = database.dataSource().getConnection(); Connection replica = standbyReader.getConnection()) {
            LocalStandby.awaitReplay(primary, replica, Duration.ofSeconds(30));
        }
        assertEquals(before + 500, count(readers.upToDate(1)));
        assertEquals(1, routing.primaryCheckouts());
    }

    @Test
    void aPanelReadSeesTheBackendsOwnWritesAndNeverLessThanAnEarlierRead() throws Exception {
        ReadRouting routing = ReadRouting.withStandby(primaryReader, standbyReader, WAIT);
        TenantReader readers = new TenantReader(routing, new Settings());
        DSLContext writer = DSL.using(new DefaultConfiguration().set(database.dataSource()).set(SQLDialect.POSTGRES)
                .set(new DefaultExecuteListenerProvider(routing.writeListener())));
        long before = count(readers.forTenant(1));
        try (LocalStandby.Paused paused = LocalStandby.pauseReplay()) {
            writer.execute("INSERT INTO public.streamed SELECT generate_series(1, 7)");
            assertEquals(before + 7, count(readers.forTenant(1)), "read-your-writes");
            assertEquals(1, routing.primaryCheckouts());
            // Rows the backend did not write itself, but that a read from the primary showed: no later read shows less.
            Rows.execute(database.dataSource(), "INSERT INTO public.streamed VALUES (0)");
            assertEquals(before + 8, count(readers.upToDate(1)));
            assertEquals(before + 8, count(readers.forTenant(1)), "monotonic reads");
        }
    }

    @Test
    void whenTheStandbyIsUnreachableTheReadsGoToThePrimary() throws Exception {
        try (TcpProxy proxy = new TcpProxy(Integer.parseInt(standbyServer.adminJdbcUrl().replaceAll(".*:(\\d+)/.*", "$1")));
             HikariDataSource cutOff = DataSourceFactory.createStandby(new DatabaseSettings(
                     "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name(),
                     TestDatabase.READER_ROLE, database.readerSettings().password(), 2), "test-cut-standby")) {
            ReadRouting routing = ReadRouting.withStandby(primaryReader, cutOff, WAIT);
            try (Connection connection = routing.connection()) {
                assertTrue(inRecovery(connection));
            }
            proxy.cut();
            try (Connection connection = routing.connection()) {
                assertFalse(inRecovery(connection));
            }
            // Marked down: the next read goes to the primary at once rather than waiting for the pool's timeout again.
            long started = System.nanoTime();
            try (Connection connection = routing.connection()) {
                assertFalse(inRecovery(connection));
            }
            assertTrue(System.nanoTime() - started < Duration.ofMillis(500).toNanos());
            assertEquals(1, routing.standbyCheckouts());
            assertEquals(2, routing.primaryCheckouts());
        }
    }

    private static boolean inRecovery(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT pg_is_in_recovery()")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static long count(DSLContext reader) {
        return reader.fetchSingle("SELECT count(*) FROM public.streamed").get(0, Long.class);
    }
}
