package io.rootscope.backend.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.MutableClock;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.parse.ParseResult;
import io.rootscope.backend.etl.write.PushedSample;
import io.rootscope.backend.etl.write.PushedSeries;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PushedSeriesStagingTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final DataSource db = TestDatabase.shared().dataSource();
    private final TelemetryIngestor ingestor = new TelemetryIngestor(db, new ResourceResolver(db),
            Optional.of(new LatenessBounds(Duration.ofMinutes(60), new MutableClock(NOW))));

    @Test
    void storesEachSampleOfASeriesOnceWhateverTheLabelOrderOrRepeats() throws SQLException {
        long tenant = TestTenant.create(db, "pushed").id();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", "cart");
        labels.put("instance", "10.0.0.1:8080");
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("instance", "10.0.0.1:8080");
        reordered.put("job", "cart");
        PushedSeries first = new PushedSeries("http_requests_total", labels, List.of(sample(-60, 10), sample(-45, 12)));
        // The same series, labels in another order, one sample repeated within the push and one new.
        PushedSeries again = new PushedSeries("http_requests_total", reordered, List.of(sample(-45, 12), sample(-30, 15)));
        PushedSeries other = new PushedSeries("http_requests_total", Map.of("job", "cart", "instance", "10.0.0.2:8080"), List.of(sample(-60, 1)));

        TelemetryIngestor.Summary pushed = ingestor.stageSeries(tenant, new ParseResult<>(List.of(first, again, other), List.of()));
        TelemetryIngestor.Summary retried = ingestor.stageSeries(tenant, new ParseResult<>(List.of(first, again, other), List.of()));

        assertEquals(5, pushed.accepted());
        assertEquals(4, pushed.staged());
        assertEquals(0, retried.staged());
        assertEquals("2", Rows.single(db, "SELECT count(*) FROM pushed_series WHERE tenant_id = " + tenant));
        assertEquals("4", Rows.single(db, "SELECT count(*) FROM pushed_sample WHERE tenant_id = " + tenant));
        assertEquals("37", Rows.single(db, """
                SELECT sum(value) FROM pushed_sample s JOIN pushed_series p USING (series_id)
                 WHERE s.tenant_id = %d AND p.labels ->> 'instance' = '10.0.0.1:8080'""".formatted(tenant)));
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM pending_bucket WHERE staged_table = 'pushed_sample' AND tenant_id = " + tenant));
    }

    @Test
    void rejectsSamplesBeyondTheLatenessHorizonAndKeepsTheRest() throws SQLException {
        long tenant = TestTenant.create(db, "pushed-late").id();
        PushedSeries series = new PushedSeries("up", Map.of("job", "cart"), List.of(sample(-2 * 3600, 1), sample(-10, 1)));

        TelemetryIngestor.Summary summary = ingestor.stageSeries(tenant, new ParseResult<>(List.of(series), List.of()));

        assertEquals(1, summary.accepted());
        assertEquals(1, summary.rejects().size());
        assertTrue(summary.rejects().get(0).location().startsWith("sample of up at "), summary.rejects().toString());
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM pushed_sample WHERE tenant_id = " + tenant));
    }

    @Test
    void aSeriesIsItsTenantsOwn() throws SQLException {
        long a = TestTenant.create(db, "pushed-a").id();
        long b = TestTenant.create(db, "pushed-b").id();
        PushedSeries series = new PushedSeries("up", Map.of("job", "cart"), List.of(sample(-10, 1)));

        ingestor.stageSeries(a, new ParseResult<>(List.of(series), List.of()));
        assertEquals(1, ingestor.stageSeries(b, new ParseResult<>(List.of(series), List.of())).staged());

        assertEquals("2", Rows.single(db, "SELECT count(DISTINCT series_id) FROM pushed_series WHERE tenant_id IN (" + a + ", " + b + ")"));
    }

    private static PushedSample sample(long secondsFromNow, double value) {
        Instant at = NOW.plusSeconds(secondsFromNow);
        return new PushedSample(at.getEpochSecond() * 1_000_000_000L + at.getNano(), value);
    }
}
