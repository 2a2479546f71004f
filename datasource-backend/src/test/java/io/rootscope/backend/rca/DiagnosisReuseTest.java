package io.rootscope.backend.rca;

import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static io.rootscope.backend.testing.SlowPaymentMetrics.ORDERS;
import static io.rootscope.backend.testing.SlowPaymentMetrics.PAYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.write.MetricSampleRow;
import io.rootscope.backend.etl.write.MetricSampleWriter;
import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.ReadRouting;
import io.rootscope.backend.db.TenantReader;
import io.rootscope.backend.rca.RcaService.RankedDiagnosis;
import io.rootscope.backend.etl.parse.ParsedSpan;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.ShopTelemetry;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A diagnosis is reused only while its inputs are unchanged: any write into its window — whichever path wrote it —
 * or to the call graph makes the next request diagnose again, and writes elsewhere do not. Checked on a panel's ad-hoc
 * diagnosis (cached in memory, read through the read-only pool) and on an incident's stored one.
 */
class DiagnosisReuseTest {

    private static int tenants;
    private static HikariDataSource readerPool;
    private DSLContext reader;

    private DataSource db;
    private SlowPaymentMetrics data;
    private RcaService rca;
    private long paymentId;

    @BeforeAll
    static void openReader() {
        readerPool = DataSourceFactory.create(TestDatabase.shared().readerSettings(), "reuse-reader");
    }

    @AfterAll
    static void closeReader() {
        readerPool.close();
    }

    @BeforeEach
    void freshTenant() throws Exception {
        db = TestDatabase.shared().dataSource();
        data = new SlowPaymentMetrics(db, "reuse" + ++tenants);
        rca = new RcaService(DSL.using(db, SQLDialect.POSTGRES));
        reader = new TenantReader(ReadRouting.primaryOnly(readerPool), new Settings()).forTenant(data.tenantId);
        paymentId = Long.parseLong(Rows.single(db, "SELECT resource_id FROM dim_resource WHERE tenant_id = " + data.tenantId
                + " AND urn = '" + PAYMENT + "'"));
    }

    @Test
    void unchangedInputsAreReadBack() {
        RankedDiagnosis first = diagnose();
        RankedDiagnosis second = diagnose();
        assertFalse(first.reused());
        assertTrue(second.reused());
        assertEquals(first.inputHash(), second.inputHash());
        assertEquals(first.ranking(), second.ranking());
    }

    @Test
    void aChangedSampleInTheWindowIsDiagnosedAgain() throws Exception {
        String first = diagnose().inputHash();
        Rows.execute(db, "UPDATE metric_sample SET value = value + 1 WHERE tenant_id = " + data.tenantId + " AND resource_id = "
                + paymentId + " AND metric = 'cpu' AND ts = '" + data.start.plus(5, ChronoUnit.MINUTES) + "'");
        RankedDiagnosis again = diagnose();
        assertFalse(again.reused(), "one changed value");
        assertNotEquals(first, again.inputHash());
        assertTrue(diagnose().reused(), "unchanged since the new diagnosis");
    }

    @Test
    void anIncidentsStoredDiagnosisIsReusedWhileUnchangedAndReplacedWhenItsDataChanged() throws Exception {
        UUID incident = UUID.fromString(Rows.single(db, """
                INSERT INTO event_envelope (tenant_id, resource_id, dedup_key, source, kind, severity, status, title, started_at)
                SELECT %s, resource_id, 'reuse', 'test', 'slo_violation', 'ERROR', 'open', 'slow checkout', '%s'
                  FROM dim_resource WHERE tenant_id = %s AND urn = '%s' RETURNING event_id"""
                .formatted(data.tenantId, data.anomalyStart, data.tenantId, FRONT_END)));
        RcaService.RcaRequest request = rca.forIncident(DSL.using(db, SQLDialect.POSTGRES), data.tenant, data.tenantId, incident, FRONT_END, data.anomalyStart, "nsigma");
        RankedDiagnosis first = rca.diagnoseIncident(request);
        assertFalse(first.reused());
        RankedDiagnosis second = rca.diagnoseIncident(request);
        assertTrue(second.reused());
        assertEquals(first.runId(), second.runId());
        assertEquals(first.runId(), rca.find(reader, request).runId(), "a panel shows the stored run of the same inputs");

        Rows.execute(db, "UPDATE metric_sample SET value = value + 1 WHERE tenant_id = " + data.tenantId + " AND resource_id = "
                + paymentId + " AND metric = 'cpu' AND ts = '" + data.anomalyStart.plus(1, ChronoUnit.MINUTES) + "'");
        RankedDiagnosis panel = rca.find(reader, request);
        assertNull(panel.runId(), "changed data: the panel diagnoses ad hoc and stores nothing");
        assertEquals(String.valueOf(first.runId()), Rows.single(db, "SELECT string_agg(run_id::text, ',') FROM rca_run WHERE event_id = '" + incident + "'"));
        RankedDiagnosis replaced = rca.diagnoseIncident(request);
        assertFalse(replaced.reused());
        assertEquals(String.valueOf(replaced.runId()), Rows.single(db, "SELECT string_agg(run_id::text, ',') FROM rca_run WHERE event_id = '"
                + incident + "'"), "the incident keeps one stored diagnosis");
        assertEquals(panel.inputHash(), replaced.inputHash());
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
        String first = diagnose().inputHash();
        Rows.execute(db, "INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value) VALUES ('"
                + data.end.plus(5, ChronoUnit.MINUTES) + "', " + data.tenantId + ", " + paymentId + ", 'cpu', 0.3)");
        Rows.execute(db, "INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count) "
                + "VALUES ('" + data.start.plus(10, ChronoUnit.MINUTES) + "', " + data.tenantId + ", " + paymentId + ", 'cpu', 1, 1, 1, 1)");
        RankedDiagnosis again = diagnose();
        assertTrue(again.reused(), "a later sample, and a minute aggregate while raw samples are read");
        assertEquals(first, again.inputHash());
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
        RankedDiagnosis first = diagnose();
        assertTrue(diagnose().reused());
        Rows.execute(db, "UPDATE metric_1m SET avg_val = avg_val * 2 WHERE tenant_id = " + data.tenantId + " AND resource_id = "
                + paymentId + " AND metric = 'latency' AND bucket = '" + data.anomalyStart + "'");
        RankedDiagnosis again = diagnose();
        assertFalse(again.reused());
        assertNotEquals(first.inputHash(), again.inputHash());
    }

    @Test
    void anIncidentsStoredDiagnosisIsNotReusedOnceSpansOrLogsArriveInItsWindow() throws Exception {
        UUID incident = UUID.fromString(Rows.single(db, """
                INSERT INTO event_envelope (tenant_id, resource_id, dedup_key, source, kind, severity, status, title, started_at)
                SELECT %s, resource_id, 'spans', 'test', 'slo_violation', 'ERROR', 'open', 'failing checkout', '%s'
                  FROM dim_resource WHERE tenant_id = %s AND urn = '%s' RETURNING event_id"""
                .formatted(data.tenantId, data.anomalyStart, data.tenantId, FRONT_END)));
        RcaService.RcaRequest request = rca.forIncident(DSL.using(db, SQLDialect.POSTGRES), data.tenant, data.tenantId, incident, FRONT_END, data.anomalyStart, "nsigma");
        RankedDiagnosis beforeSpans = rca.diagnoseIncident(request);
        assertTrue(rca.diagnoseIncident(request).reused());

        ShopTelemetry telemetry = new ShopTelemetry(db, "rca");
        List<ParsedSpan> spans = new ArrayList<>();
        telemetry.trace(spans, data.anomalyStart.plusSeconds(30), true);
        telemetry.pushAgain(data.tenantId, spans);
        RankedDiagnosis afterSpans = rca.diagnoseIncident(request);
        assertFalse(afterSpans.reused(), "spans arrived in the window");
        assertNotEquals(beforeSpans.inputHash(), afterSpans.inputHash());
        assertNotEquals(beforeSpans.runId(), afterSpans.runId());

        telemetry.pushAgain(data.tenantId, spans);
        assertTrue(rca.diagnoseIncident(request).reused(), "the same spans delivered again are stored once: no change");

        telemetry.push(data.tenantId, data.anomalyStart.plus(2, ChronoUnit.MINUTES), 1, 1, data.anomalyStart);
        assertFalse(rca.diagnoseIncident(request).reused(), "log events (and a trace) arrived in the window");
        assertTrue(rca.diagnoseIncident(request).reused());

        telemetry.pushTrace(data.tenantId, data.anomalyStart.plus(3, ChronoUnit.HOURS));
        assertTrue(rca.diagnoseIncident(request).reused(), "a trace after the window changes nothing in it");
    }

    private RankedDiagnosis diagnose() {
        return rca.find(reader, new RcaService.RcaRequest(data.tenant, data.tenantId, Optional.empty(), FRONT_END, data.start, data.end,
                Optional.of(data.anomalyStart), "nsigma"));
    }
}
