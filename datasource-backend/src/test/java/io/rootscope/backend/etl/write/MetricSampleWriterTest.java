package io.rootscope.backend.etl.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class MetricSampleWriterTest {

    private final DataSource db = TestDatabase.shared().dataSource();

    @Test
    void copiesSamplesExactlyAndARerunInsertsNothing() throws SQLException {
        TestTenant tenant = TestTenant.create(db, "samples");
        long carts = new ResourceResolver(db).resolve(tenant.id(), ObservedResource.service(Urn.k8sService("ns", "carts")));
        Instant t0 = Instant.parse("2026-11-22T10:00:00.123456Z");
        List<MetricSampleRow> samples = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            samples.add(new MetricSampleRow(carts, "cpu", t0.plusSeconds(i), i * 0.5));
        }
        samples.add(new MetricSampleRow(carts, "odd\tname\\with\nescapes", t0, 1e-300));
        samples.add(new MetricSampleRow(carts, "cpu", t0, 99)); // repeats a key of this batch: kept once, first wins
        // A small batch size makes the writer stage and merge several batches in one call.
        MetricSampleWriter writer = new MetricSampleWriter(1_000);

        assertEquals(2_501, write(writer, tenant, samples));
        assertEquals(0, write(writer, tenant, samples));

        String where = " FROM metric_sample WHERE tenant_id = " + tenant.id();
        assertEquals("2501", Rows.single(db, "SELECT count(*)" + where));
        assertEquals("0", Rows.single(db, "SELECT value" + where + " AND metric = 'cpu' AND ts = '2026-11-22T10:00:00.123456Z'"));
        assertEquals("1249.5", Rows.single(db, "SELECT value" + where + " AND metric = 'cpu' AND ts = '2026-11-22T10:41:39.123456Z'"));
        assertEquals("1e-300", Rows.single(db, "SELECT value" + where + " AND metric = E'odd\\tname\\\\with\\nescapes'"));
    }

    private long write(MetricSampleWriter writer, TestTenant tenant, List<MetricSampleRow> samples) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            long inserted = writer.write(connection, tenant.id(), samples);
            connection.commit();
            return inserted;
        }
    }
}
