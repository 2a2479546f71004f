package io.rootscope.backend.rca;

import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestDatabase;
import java.time.Duration;
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

/**
 * Two replicas' diagnosis services on one database: while one diagnoses an incident (held at its last read), the other's
 * on-demand diagnosis waits and answers with the stored one, and its new-incident diagnosis does nothing: one stored
 * diagnosis, one published message.
 */
class IncidentDiagnosisOnceTest {

    private final DataSource db = TestDatabase.shared().dataSource();

    /** A replica's service whose diagnoses stop at their call-graph read until released. */
    private record Stalled(RcaService rca, CountDownLatch reached, CountDownLatch release) {
    }

    private Stalled stalled() {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DSLContext writer = DSL.using(new DefaultConfiguration().set(db).set(SQLDialect.POSTGRES)
                .set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        if (ctx.sql() != null && ctx.sql().contains("topo_edge_time")) {
                            reached.countDown();
                            try {
                                release.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                })));
        return new Stalled(service(writer), reached, release);
    }

    private static RcaService service(DSLContext writer) {
        return new RcaService(writer, new DiagnosisWindowLoader(writer), RcaService.NORMAL_LOOKBACK_DEFAULT, RcaService.ANOMALY_SPAN_DEFAULT,
                Duration.ZERO, DiagnosisSettings.defaults(), true);
    }

    private UUID incident(SlowPaymentMetrics data, String key) throws Exception {
        return UUID.fromString(Rows.single(db, """
                INSERT INTO event_envelope (tenant_id, resource_id, dedup_key, source, kind, severity, status, title, started_at)
                SELECT %s, resource_id, '%s', 'test', 'slo_violation', 'ERROR', 'open', 'slow checkout', '%s'
                  FROM dim_resource WHERE tenant_id = %s AND urn = '%s' RETURNING event_id"""
                .formatted(data.tenantId, key, data.anomalyStart, data.tenantId, FRONT_END)));
    }

    private String count(String table, UUID incident) throws Exception {
        String where = table.equals("rca_outbox") ? "run_id IN (SELECT run_id FROM rca_run WHERE event_id = '" + incident + "')"
                : "event_id = '" + incident + "'";
        return Rows.single(db, "SELECT count(*) FROM " + table + " WHERE " + where);
    }

    @Test
    void concurrentOnDemandDiagnosesOfOneIncidentStoreOneDiagnosis() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "once-demand");
        UUID incident = incident(data, "once-on-demand");
        Stalled first = stalled();
        RcaService second = service(DSL.using(db, SQLDialect.POSTGRES));
        RcaService.RcaRequest request = first.rca().forIncident(DSL.using(db, SQLDialect.POSTGRES), data.tenant, data.tenantId, incident, FRONT_END, data.anomalyStart, "nsigma");

        CompletableFuture<RcaService.RankedDiagnosis> firstRun = CompletableFuture.supplyAsync(() -> first.rca().rediagnose(request));
        assertTrue(first.reached().await(60, TimeUnit.SECONDS), "the first replica is diagnosing");
        CompletableFuture<RcaService.RankedDiagnosis> secondRun = CompletableFuture.supplyAsync(() -> second.rediagnose(request));
        Thread.sleep(500);
        assertFalse(secondRun.isDone(), "the second replica waits for the incident's diagnosis in progress");
        first.release().countDown();

        RcaService.RankedDiagnosis made = firstRun.get(60, TimeUnit.SECONDS);
        RcaService.RankedDiagnosis answered = secondRun.get(60, TimeUnit.SECONDS);
        assertFalse(made.reused());
        assertTrue(answered.reused(), "the diagnosis stored while it waited is the second replica's answer");
        assertEquals(made.runId(), answered.runId());
        assertEquals("1", count("rca_run", incident));
        assertEquals("1", count("rca_outbox", incident), "one diagnosis, one message");
    }

    @Test
    void aNewIncidentIsDiagnosedOnceWhicheverReplicaIsToldOfIt() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "once-new");
        UUID incident = incident(data, "once-new");
        Stalled first = stalled();
        RcaService second = service(DSL.using(db, SQLDialect.POSTGRES));

        CompletableFuture<Void> firstRun = CompletableFuture.runAsync(() -> first.rca().listener("nsigma", id -> data.tenant)
                .opened(incident, data.tenantId, FRONT_END, data.anomalyStart));
        assertTrue(first.reached().await(60, TimeUnit.SECONDS), "the first replica is diagnosing");
        second.listener("nsigma", id -> data.tenant).opened(incident, data.tenantId, FRONT_END, data.anomalyStart);
        assertEquals("0", count("rca_run", incident), "the second replica leaves the incident to the one diagnosing it");
        first.release().countDown();
        firstRun.get(60, TimeUnit.SECONDS);
        String run = Rows.single(db, "SELECT run_id FROM rca_run WHERE event_id = '" + incident + "'");

        second.listener("nsigma", id -> data.tenant).opened(incident, data.tenantId, FRONT_END, data.anomalyStart);
        assertEquals(run, Rows.single(db, "SELECT run_id FROM rca_run WHERE event_id = '" + incident + "'"),
                "an incident with a stored diagnosis is not diagnosed again");
        assertEquals("1", count("rca_outbox", incident));
    }
}
