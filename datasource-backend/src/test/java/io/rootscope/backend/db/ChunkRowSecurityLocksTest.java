package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.testing.LockWaits;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle step's {@code enable_chunk_row_security} (V029) while a push writes the chunks it alters: it holds one
 * chunk's lock at a time, so a push that wrote the later chunk and then reads the earlier one, already altered, goes on
 * instead of deadlocking (as it did when every chunk's lock was held to the end of one statement, with three replicas'
 * ticks among pushes and window runs). A database of its own: the test needs exactly its two new chunks.
 */
class ChunkRowSecurityLocksTest {

    private static TestDatabase database;
    private static DataSource db;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.createMigrated();
        db = database.dataSource();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void aPushHoldingOneNewChunkAndReadingAnotherDoesNotDeadlockWithTheLifecycleStep() throws Exception {
        Rows.execute(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES (1, 'urn:k8s:svc:locks/a', 'service', 'a');
                INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value)
                SELECT t, 1, resource_id, 'cpu', 1 FROM dim_resource, (VALUES (now() - interval '300 days'), (now() - interval '200 days')) AS v (t)
                 WHERE urn = 'urn:k8s:svc:locks/a'""");
        List<String> chunks = Rows.column(db, """
                SELECT format('%I.%I', schema_name, table_name) FROM _timescaledb_catalog.chunk ch
                  JOIN pg_class c ON c.oid = format('%I.%I', ch.schema_name, ch.table_name)::regclass
                 WHERE NOT c.relrowsecurity ORDER BY ch.id""");
        assertEquals(2, chunks.size(), chunks.toString());
        try (Connection push = db.getConnection(); Connection lifecycle = db.getConnection()) {
            push.setAutoCommit(false);
            int lifecyclePid = LockWaits.pid(lifecycle);
            try (Statement statement = push.createStatement()) {
                statement.execute("""
                        INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value)
                        SELECT now() - interval '200 days' + interval '1 second', 1, resource_id, 'cpu', 2 FROM dim_resource
                         WHERE urn = 'urn:k8s:svc:locks/a'""");
                CompletableFuture<Void> step = CompletableFuture.runAsync(() -> {
                    try (Statement call = lifecycle.createStatement()) {
                        call.execute("CALL rootscope.enable_chunk_row_security()");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                LockWaits.awaitLockWait(db, lifecyclePid);
                // The push reads the earlier chunk, which the step has altered by now and waits for the later one.
                statement.executeQuery("SELECT count(*) FROM " + chunks.get(0)).close();
                push.commit();
                step.get(60, TimeUnit.SECONDS);
            }
        }
        assertEquals("0", Rows.single(db, """
                SELECT count(*) FROM _timescaledb_catalog.chunk ch
                  JOIN pg_class c ON c.oid = format('%I.%I', ch.schema_name, ch.table_name)::regclass WHERE NOT c.relrowsecurity"""),
                "both chunks have row security");
    }
}
