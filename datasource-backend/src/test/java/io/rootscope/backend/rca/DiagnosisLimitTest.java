package io.rootscope.backend.rca;

import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.refusal.BusyException;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;

/** The limit on on-demand diagnoses refuses panels and re-diagnoses past it, and never the incident listener. */
class DiagnosisLimitTest {

    @Test
    void panelsPastTheLimitAreRefusedWhileTheListenerStillDiagnoses() throws Exception {
        DataSource db = TestDatabase.shared().dataSource();
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "limit");
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        RcaService rca = new RcaService(writer, new DiagnosisWindowLoader(writer), RcaService.NORMAL_LOOKBACK_DEFAULT,
                RcaService.ANOMALY_SPAN_DEFAULT, new DiagnosisSettings(1, Duration.ZERO, DiagnosisSettings.CACHE_BYTES_DEFAULT));
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A panel whose diagnosis stops at its last read (the call graph), inside its slot, until released.
        DSLContext stalling = DSL.using(new DefaultConfiguration().set(db).set(SQLDialect.POSTGRES)
                .set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        if (ctx.sql() != null && ctx.sql().contains("topo_edge_time")) {
                            reached.countDown();
                            await(release);
                        }
                    }
                })));
        CompletableFuture<RcaService.RankedDiagnosis> stalled = CompletableFuture.supplyAsync(() -> rca.find(stalling, adHoc(data, 0)));
        try {
            assertTrue(reached.await(30, TimeUnit.SECONDS), "the stalled panel reached its call graph");
            BusyException refused = assertThrows(BusyException.class, () -> rca.find(writer, adHoc(data, 30)));
            assertTrue(refused.getMessage().startsWith("backend busy"), refused.getMessage());

            UUID incident = UUID.fromString(Rows.single(db, """
                    INSERT INTO event_envelope (tenant_id, resource_id, dedup_key, source, kind, severity, status, title, started_at)
                    SELECT %s, resource_id, 'limit', 'test', 'slo_violation', 'ERROR', 'open', 'slow checkout', '%s'
                      FROM dim_resource WHERE tenant_id = %s AND urn = '%s' RETURNING event_id"""
                    .formatted(data.tenantId, data.anomalyStart, data.tenantId, FRONT_END)));
            assertThrows(BusyException.class, () -> rca.rediagnose(rca.forIncident(DSL.using(db, SQLDialect.POSTGRES), data.tenant, data.tenantId, incident, FRONT_END,
                    data.anomalyStart, "nsigma")));
            assertEquals("0", Rows.single(db, "SELECT count(*) FROM rca_run WHERE event_id = '" + incident + "'"), "a refusal writes nothing");

            rca.listener("nsigma", tenantId -> data.tenant).opened(incident, data.tenantId, FRONT_END, data.anomalyStart);
            assertEquals("1", Rows.single(db, "SELECT count(*) FROM rca_run WHERE event_id = '" + incident + "'"), "the listener is not limited");
        } finally {
            release.countDown();
        }
        assertEquals(FRONT_END.replace("front-end", "payment"), stalled.get(30, TimeUnit.SECONDS).ranking().get(0).urn());
    }

    private static RcaService.RcaRequest adHoc(SlowPaymentMetrics data, int shiftSeconds) {
        return new RcaService.RcaRequest(data.tenant, data.tenantId, Optional.empty(), FRONT_END, data.start.plusSeconds(shiftSeconds),
                data.end.plusSeconds(shiftSeconds), Optional.of(data.anomalyStart), "nsigma");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
