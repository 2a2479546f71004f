package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Rows read in place still come from a query jOOQ runs: its binds, and the context's query timeout. */
class ResultRowsTest {

    @Test
    void readsEveryRowWithItsBinds() {
        DSLContext db = DSL.using(TestDatabase.shared().dataSource(), SQLDialect.POSTGRES);
        List<String> rows = new ArrayList<>();
        ResultRows.forEach(db.resultQuery("SELECT n, {0} || n FROM generate_series(1, {1}) n", DSL.val("row "), DSL.val(3)),
                row -> rows.add(row.getLong(1) + ":" + row.getString(2)));
        assertEquals(List.of("1:row 1", "2:row 2", "3:row 3"), rows);
    }

    @Test
    void aQueryPastTheContextsTimeoutIsCancelled() {
        DSLContext db = DSL.using(TestDatabase.shared().dataSource(), SQLDialect.POSTGRES, new Settings().withQueryTimeout(1));
        long started = System.nanoTime();
        DataAccessException e = assertThrows(DataAccessException.class,
                () -> ResultRows.forEach(db.resultQuery("SELECT pg_sleep(30)"), row -> { }));
        assertTrue((System.nanoTime() - started) / 1e9 < 10, "cancelled after the timeout, not after the query");
        assertTrue(String.valueOf(e.getMessage()).contains("cancel"), e.getMessage());
    }
}
