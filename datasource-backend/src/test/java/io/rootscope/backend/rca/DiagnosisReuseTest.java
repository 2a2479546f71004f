package io.rootscope.backend.rca;

import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static io.rootscope.backend.testing.SlowPaymentMetrics.ORDERS;
import static io.rootscope.backend.testing.SlowPaymentMetrics.PAYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.write.MetricSampleRow;
import io.rootscope.backend.etl.write.MetricSampleWriter;
import io.rootscope.backend.incident.IncidentStore;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stored diagnosis is reused only while its inputs are unchanged: any write into its window — whichever path wrote it —
 * or to the call graph makes the next request diagnose again, and writes elsewhere do not.
 */
class DiagnosisReuseTest {

    private static int tenants;

    private DataSource db;
    private SlowPaymentMetrics data;
    private RcaService rca;
    private long paymentId;

    @BeforeEach
    void freshTenant() throws Exception {
        db = TestDatabase.shared().dataSource();
        data = new SlowPaymentMetrics(db, "reuse" + ++tenants);
        rca = new RcaService(DSL.using(db, SQLDialect.POSTGRES), new IncidentStore(DSL.using(db, SQLDialect.POSTGRES)));
        paymentId = Long.parseLong(Rows.single(db, "SELECT resource_id FROM dim_resource WHERE tenant_id = " + data.tenantId
                + " AND urn = '" + PAYMENT + "'"));
    }

    @Test
    void unchangedInputsAreReadBack() {
        RcaService.StoredDiagnosis first = diagnose();
        RcaService.StoredDiagnosis second = diagnose();
        assertFalse(first.reused());
        assertTrue(second.reused());
        assertEquals(first.runId(), second.runId());
    }

    @Test
    void aChangedSampleInTheWindowIsDiagnosedAgain() throws Exception {
        long first = diagnose().runId();
        Rows.execute(db, "UPDATE metric_sample SET value = value + 1 WHERE tenant_id = " + data.tenantId + " AND resource_id = "
                + paymentId + " AND metric = 'cpu' AND ts = '" + data.start.plus(5, ChronoUnit.MINUTES) + "'");
        RcaService.StoredDiagnosis again = diagnose();
        assertFalse(again.reused(), "one changed value");
        assertNotEquals(first, again.runId());
        assertTrue(diagnose().reused(), "unchanged since the new run");
    }

    @Test
    void aSampleDeletedFromTheWindowIsDiagnosedAgain() throws Exception {
        diagnose();
        Rows.execute(db, "DELETE FROM metric_sample WHERE tenant_id = " + data.tenantId + " AND resource_id = " + paymentId
                + " AND metric = 'memory' AND ts = '" + data.anomalyStart + "'");
        assertFalse(diagnose().reused());
    }

    @Test
    void aSampleCopiedIntoTheWindowByTheEtlIsDiagnosedAgain() throws Exception {
        diagnose();
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            // Between two samples of the series: a new key, written by COPY.
            new MetricSampleWriter().write(connection, data.tenantId,
                    List.of(new MetricSampleRow(paymentId, "latency", data.anomalyStart.plusSeconds(7), 480)));
            connection.commit();
        }
        assertFalse(diagnose().reused());
    }

    @Test
    void writesAfterTheWindowKeepTheStoredDiagnosis() throws Exception {
        long first = diagnose().runId();
        Rows.execute(db, "INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value) VALUES ('"
                + data.end.plus(5, ChronoUnit.MINUTES) + "', " + data.tenantId + ", " + paymentId + ", 'cpu', 0.3)");
        Rows.execute(db, "INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count) "
                + "VALUES ('" + data.start.plus(10, ChronoUnit.MINUTES) + "', " + data.tenantId + ", " + paymentId + ", 'cpu', 1, 1, 1, 1)");
        RcaService.StoredDiagnosis again = diagnose();
        assertTrue(again.reused(), "a later sample, and a minute aggregate while raw samples are read");
        assertEquals(first, again.runId());
    }

    @Test
    void aChangedCallGraphIsDiagnosedAgain() throws Exception {
        diagnose();
        Rows.execute(db, """
                INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source)
                SELECT %1$s, s.resource_id, d.resource_id, 'CALLS', tstzrange('%2$s', NULL), 'test'
                  FROM dim_resource s, dim_resource d
                 WHERE s.tenant_id = %1$s AND s.urn = '%3$s' AND d.tenant_id = %1$s AND d.urn = '%4$s'"""
                .formatted(data.tenantId, data.start.minus(1, ChronoUnit.DAYS), ORDERS, PAYMENT));
        assertFalse(diagnose().reused(), "the call graph is the diagnosis' prior");
    }

    @Test
    void aWindowOfMinuteAggregatesIsDiagnosedAgainWhenAMinuteChanges() throws Exception {
        // The tenant's minutes, then its raw samples gone: the window is read from metric_1m.
        Rows.execute(db, """
                INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                SELECT date_trunc('minute', ts), tenant_id, resource_id, metric, avg(value), max(value), max(value), count(*)
                  FROM metric_sample WHERE tenant_id = %1$s GROUP BY 1, 2, 3, 4""".formatted(data.tenantId));
        Rows.execute(db, "DELETE FROM metric_sample WHERE tenant_id = " + data.tenantId);
        RcaService.StoredDiagnosis first = diagnose();
        assertTrue(diagnose().reused());
        Rows.execute(db, "UPDATE metric_1m SET avg_val = avg_val * 2 WHERE tenant_id = " + data.tenantId + " AND resource_id = "
                + paymentId + " AND metric = 'latency' AND bucket = '" + data.anomalyStart + "'");
        RcaService.StoredDiagnosis again = diagnose();
        assertFalse(again.reused());
        assertNotEquals(first.runId(), again.runId());
    }

    private RcaService.StoredDiagnosis diagnose() {
        return rca.diagnose(new RcaService.RcaRequest(data.tenant, data.tenantId, Optional.empty(), FRONT_END, data.start, data.end,
                Optional.of(data.anomalyStart), "nsigma"));
    }
}
