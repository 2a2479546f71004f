package io.rootscope.backend.rca;

import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.alerts.GrafanaAlertPayload;
import io.rootscope.backend.alerts.GrafanaAlerts;
import io.rootscope.backend.detection.ExternalEventIngestor;
import io.rootscope.backend.incident.DeferredIncidentListener;
import io.rootscope.backend.incident.FailSafeListener;
import io.rootscope.backend.incident.IncidentListener;
import io.rootscope.backend.incident.IncidentStore;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica that committed a new incident and died before diagnosing it leaves the incident's note: another replica's
 * sweep diagnoses it once, whichever path opened it (detection, Grafana's alert webhook, gala-anteater's events). A
 * database of its own, so that no other test's notes are swept; every test leaves no note behind.
 */
class OverdueDiagnosisSweepTest {

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

    /** A replica that dies once the incident is committed, before its diagnosis starts. */
    private static final IncidentListener DIES = (eventId, tenantId, frontendUrn, anomalyStart) -> {
    };

    @Test
    void theSweepDiagnosesAnIncidentLeftByADeadReplicaOnce() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "sweep");
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        // The dead replica's detection window: the incident and its note, committed; no diagnosis.
        UUID incident = writer.transactionResult(tx -> {
            IncidentStore store = new IncidentStore(tx.dsl());
            UUID id = store.open(new IncidentStore.IncidentReport(data.tenantId, "sweep-1", "detector", "slo_violation", "ERROR",
                    "slow checkout", null, data.anomalyStart, Optional.of(FRONT_END), Map.of())).eventId();
            store.noteDiagnosisDue(id, data.tenantId, FRONT_END, data.anomalyStart);
            return id;
        });
        RcaService rca = new RcaService(writer);
        try (DeferredIncidentListener survivor = new DeferredIncidentListener(rca.listener("nsigma", id -> data.tenant), writer,
                Duration.ofMinutes(5))) {
            assertEquals(0, survivor.sweep(), "not overdue yet: the replica that opened it may still be diagnosing it");
        }
        try (DeferredIncidentListener survivor = new DeferredIncidentListener(rca.listener("nsigma", id -> data.tenant), writer,
                Duration.ZERO)) {
            assertEquals(1, survivor.sweep());
            assertEquals("1", Rows.single(db, "SELECT count(*) FROM rca_run WHERE event_id = '" + incident + "'"));
            assertEquals("0", Rows.single(db, "SELECT count(*) FROM incident_diagnosis_due"), "the diagnosis took its note");
            assertEquals(0, survivor.sweep());
        }
    }

    @Test
    void anIncidentWhoseWholeWindowHoldsNoDataIsGivenUpAtItsFirstAttempt() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "sweep-silent");
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        // Everything went silent a day before the data: the incident's window is long past and holds nothing.
        Instant silent = data.anomalyStart.minus(Duration.ofDays(1));
        UUID incident = writer.transactionResult(tx -> {
            IncidentStore store = new IncidentStore(tx.dsl());
            UUID id = store.open(new IncidentStore.IncidentReport(data.tenantId, "sweep-silent-1", "detector", "anomaly", "ERROR",
                    "calls disappeared", null, silent, Optional.of(FRONT_END), Map.of())).eventId();
            store.noteDiagnosisDue(id, data.tenantId, FRONT_END, silent);
            return id;
        });
        try (DeferredIncidentListener survivor = new DeferredIncidentListener(
                new FailSafeListener(new RcaService(writer).listener("nsigma", id -> data.tenant)), writer, Duration.ZERO)) {
            assertEquals(1, survivor.sweep());
            assertEquals("0", Rows.single(db, "SELECT count(*) FROM rca_run WHERE event_id = '" + incident + "'"));
            assertEquals("0", Rows.single(db, "SELECT count(*) FROM incident_diagnosis_due"), "nothing to wait for: the note is gone");
            assertEquals(0, survivor.sweep());
        }
    }

    @Test
    void aWebhookIncidentLeftByADeadReplicaIsDiagnosedOnceByTheOthersSweeps() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "sweep-alert");
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        RcaService rca = new RcaService(writer);
        UUID incident = fire(new GrafanaAlerts(writer, DIES, new RootCauseConfirmations(writer, rca)), data, "dead-1", FRONT_END);
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM incident_diagnosis_due WHERE event_id = '" + incident + "'"),
                "the incident was committed with its note");
        assertSweptOnce(rca, data, incident);
    }

    @Test
    void anAnteaterIncidentLeftByADeadReplicaIsDiagnosedOnceByTheOthersSweeps() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "sweep-anteater");
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        // gala-anteater names the front-end's pod; its deployment's Service is the tenant's resource.
        String event = """
                {"Timestamp": %d, "Attributes": {"entity_id": "fe_l7", "event_id": "sweep-anteater-1"},
                 "Resource": {"duration": 30, "metrics": "gala_gopher_l7_latency_sum",
                              "metric_label": {"pod": "rca/front-end-5bcb47fd7c-4jxxs", "pod_namespace": "rca"}},
                 "SeverityText": "WARN"}""".formatted(data.anomalyStart.plusSeconds(30).toEpochMilli());
        UUID incident = new ExternalEventIngestor(writer, DIES).ingest(data.tenantId,
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))).opened().get(0);
        assertEquals(FRONT_END, Rows.single(db, "SELECT frontend_urn FROM incident_diagnosis_due WHERE event_id = '" + incident + "'"),
                "the incident was committed with its note");
        assertSweptOnce(new RcaService(writer), data, incident);
    }

    @Test
    void aWebhookLeavesNoNote() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "sweep-alive");
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        RcaService rca = new RcaService(writer);
        GrafanaAlerts alerts = new GrafanaAlerts(writer, rca.listener("nsigma", id -> data.tenant), new RootCauseConfirmations(writer, rca));
        UUID incident = fire(alerts, data, "alive-1", FRONT_END);
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM rca_run WHERE event_id = '" + incident + "'"), "diagnosed before the answer");
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM incident_diagnosis_due"));
        // An alert on a resource the tenant does not have opens an incident that no diagnosis can start from: no note.
        UUID elsewhere = fire(alerts, data, "alive-2", "urn:k8s:svc:rca/nowhere");
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM rca_run WHERE event_id = '" + elsewhere + "'"));
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM incident_diagnosis_due"));
    }

    private static UUID fire(GrafanaAlerts alerts, SlowPaymentMetrics data, String fingerprint, String urn) {
        GrafanaAlertPayload payload = Json.read("""
                {"alerts": [{"status": "firing", "fingerprint": "%s", "startsAt": "%s",
                             "labels": {"alertname": "SlowCheckout", "urn": "%s"}}]}""".formatted(fingerprint, data.anomalyStart, urn),
                GrafanaAlertPayload.class, "body");
        return UUID.fromString((String) alerts.receive(data.tenantId, payload).get(0).get("event_id"));
    }

    /** Two surviving replicas sweep at once: one diagnosis is stored, and the note is gone. */
    private static void assertSweptOnce(RcaService rca, SlowPaymentMetrics data, UUID incident) throws Exception {
        try (DeferredIncidentListener first = new DeferredIncidentListener(rca.listener("nsigma", id -> data.tenant),
                DSL.using(db, SQLDialect.POSTGRES), Duration.ZERO);
             DeferredIncidentListener second = new DeferredIncidentListener(rca.listener("nsigma", id -> data.tenant),
                     DSL.using(db, SQLDialect.POSTGRES), Duration.ZERO)) {
            CompletableFuture<Integer> one = CompletableFuture.supplyAsync(first::sweep);
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(second::sweep);
            one.get(60, TimeUnit.SECONDS);
            other.get(60, TimeUnit.SECONDS);
            assertEquals("1", Rows.single(db, "SELECT count(*) FROM rca_run WHERE event_id = '" + incident + "'"));
            assertEquals("0", Rows.single(db, "SELECT count(*) FROM incident_diagnosis_due"), "the diagnosis took its note");
            assertEquals(0, first.sweep());
        }
    }
}
