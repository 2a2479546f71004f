package io.rootscope.backend.etl.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Each (series, time) stored once: samples out of order, repeated within a push, pushed again after a failed push;
 * and the cache of series ids: a rolled-back series leaves no id behind, and an evicted one is looked up again.
 */
class PushedSeriesWriterTest {

    private static final long T = 1_796_000_000_000_000_000L;

    private final DataSource db = TestDatabase.shared().dataSource();

    @Test
    void eachSampleIsStoredOnceWhateverItsOrderRepeatsAndRetries() throws SQLException {
        long tenant = TestTenant.create(db, "series-once").id();
        // Batches of three rows: a push spans several COPYs, some new, some meeting stored rows.
        PushedSeriesWriter writer = new PushedSeriesWriter(3, 10);
        // Out of time order, and (up, 1 s) twice in the push: the first is kept.
        PushedSeries up = new PushedSeries("up", Map.of("job", "carts"), List.of(at(3, 3), at(1, 1), at(2, 2), at(1, 99)));
        PushedSeries down = new PushedSeries("down", Map.of("job", "carts"), List.of(at(2, 20), at(1, 10)));
        PushedSeriesWriter.Written first = commit(writer, tenant, List.of(up, down));
        assertEquals(5, first.inserted());
        assertEquals(1, first.repeated());

        // A push that fails after its COPY (rolled back), then its retry, which also repeats samples stored before.
        PushedSeries more = new PushedSeries("up", Map.of("job", "carts"), List.of(at(5, 5), at(4, 4), at(3, 33), at(2, 22), at(1, 11)));
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            writer.write(connection, tenant, List.of(more, down));
            connection.rollback();
        }
        PushedSeriesWriter.Written retried = commit(writer, tenant, List.of(more, down));

        assertEquals(2, retried.inserted());
        assertEquals(5, retried.repeated());
        assertEquals("up 1:1 2:2 3:3 4:4 5:5; down 1:10 2:20", Rows.single(db, """
                SELECT string_agg(name || ' ' || points, '; ' ORDER BY name DESC) FROM (
                  SELECT s.name, string_agg(extract(epoch FROM p.ts - '%s')::int || ':' || p.value, ' ' ORDER BY p.ts) AS points
                    FROM pushed_sample p JOIN pushed_series s USING (series_id) WHERE p.tenant_id = %d GROUP BY s.name) n"""
                .formatted(Instant.ofEpochSecond(0, T), tenant)));
    }

    private PushedSeriesWriter.Written commit(PushedSeriesWriter writer, long tenant, List<PushedSeries> series) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            PushedSeriesWriter.Written written = writer.write(connection, tenant, series);
            connection.commit();
            writer.committed(written);
            return written;
        }
    }

    private static PushedSample at(int seconds, double value) {
        return new PushedSample(T + seconds * 1_000_000_000L, value);
    }

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
