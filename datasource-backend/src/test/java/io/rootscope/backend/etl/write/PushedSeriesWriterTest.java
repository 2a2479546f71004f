package io.rootscope.backend.etl.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The cache of series ids: a rolled-back series leaves no id behind, and an evicted one is looked up again. */
class PushedSeriesWriterTest {

    private static final long T = 1_796_000_000_000_000_000L;

    private final DataSource db = TestDatabase.shared().dataSource();

    @Test
    void aSeriesAddedInARolledBackPushIsAddedAgainByTheNext() throws SQLException {
        long tenant = TestTenant.create(db, "series-cache").id();
        PushedSeriesWriter writer = new PushedSeriesWriter(100, 10);
        PushedSeries series = new PushedSeries("up", Map.of("job", "carts"), List.of(new PushedSample(T, 1)));
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            // Twice in the transaction: the second write finds the series the first added, uncommitted.
            writer.write(connection, tenant, List.of(series));
            writer.write(connection, tenant, List.of(new PushedSeries("up", Map.of("job", "carts"), List.of(new PushedSample(T + 1_000_000_000L, 2)))));
            connection.rollback();
            assertEquals(1, writer.write(connection, tenant, List.of(series)).inserted());
            connection.commit();
        }
        assertEquals("1 up", Rows.single(db, "SELECT p.value || ' ' || s.name FROM pushed_sample p JOIN pushed_series s USING (series_id) WHERE p.tenant_id = " + tenant));
    }

    @Test
    void seriesPastTheCacheBoundKeepTheirIds() throws SQLException {
        long tenant = TestTenant.create(db, "series-bound").id();
        PushedSeriesWriter writer = new PushedSeriesWriter(100, 1);
        for (int round = 0; round < 3; round++) {
            try (Connection connection = db.getConnection()) {
                for (String job : List.of("a", "b", "c")) {
                    writer.write(connection, tenant, List.of(new PushedSeries("up", Map.of("job", job), List.of(new PushedSample(T + round * 1_000_000_000L, round)))));
                }
            }
        }
        assertEquals("3 a:3 b:3 c:3", Rows.single(db, """
                SELECT count(DISTINCT s.series_id) || ' ' || string_agg(DISTINCT (s.labels ->> 'job') || ':' || n, ' ')
                  FROM pushed_series s JOIN (SELECT series_id, count(*) AS n FROM pushed_sample GROUP BY 1) c USING (series_id)
                 WHERE s.tenant_id = %d""".formatted(tenant)));
    }
}
