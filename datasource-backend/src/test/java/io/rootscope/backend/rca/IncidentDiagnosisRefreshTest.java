package io.rootscope.backend.rca;

import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.incident.DeferredIncidentListener;
import io.rootscope.backend.incident.IncidentListener;
import io.rootscope.backend.incident.IncidentStore;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new incident is diagnosed at once, from as much of its window as there is, and again once the whole window is stored:
 * what the incident keeps (its one stored diagnosis, evidence links, runbooks) is then made from the window its panels
 * show, not from the anomaly's first seconds. A database of its own, so that no other test's notes are swept; its tests'
 * notes are told apart by their incidents.
 */
class IncidentDiagnosisRefreshTest {

    private static final Duration STORE_LAG = Duration.ofSeconds(1);

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

    @Test
    void aNewIncidentIsDiagnosedAgainOnceItsWholeWindowIsStored() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "refresh");
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        UUID incident = incident(writer, data, "refresh-1");
        Instant windowEnd = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        RcaService rca = service(writer, data, windowEnd);

        try (DeferredIncidentListener listener = new DeferredIncidentListener(rca.listener("nsigma", id -> data.tenant), writer,
                Duration.ofMinutes(5))) {
            listener.opened(incident, data.tenantId, FRONT_END, data.anomalyStart);
            awaitRuns(incident, 1);
            assertTrue(windowTo(incident).isBefore(windowEnd), "the first diagnosis reads the window as far as it goes now");
            assertEquals(windowEnd.plus(STORE_LAG).toString(), dueAt(incident), "due again once the whole window is stored");

            await(() -> windowTo(incident).equals(windowEnd), Duration.ofSeconds(20), "the diagnosis of the whole window");
            assertEquals("1", runs(incident), "the whole window's diagnosis replaced the first");
            assertEquals("0", Rows.single(db, "SELECT count(*) FROM incident_diagnosis_due WHERE event_id = '" + incident + "'"),
                    "nothing is due any more");
        }
    }

    @Test
    void aReplicaDyingBeforeTheSecondDiagnosisLeavesItToAnothersSweep() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "refresh-sweep");
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        UUID incident = incident(writer, data, "refresh-sweep-1");
        Instant windowEnd = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        RcaService rca = service(writer, data, windowEnd);
        // The replica that opened it made the first diagnosis and died.
        rca.listener("nsigma", id -> data.tenant).opened(incident, data.tenantId, FRONT_END, data.anomalyStart);
        assertEquals("1", runs(incident));

        IncidentListener survivor = rca.listener("nsigma", id -> data.tenant);
        try (DeferredIncidentListener sweeps = new DeferredIncidentListener(survivor, writer, Duration.ZERO)) {
            assertEquals(0, sweeps.sweep(), "not due before the window is stored");
            await(() -> Instant.now().isAfter(windowEnd.plus(STORE_LAG)), Duration.ofSeconds(10), "the window stored");
            assertEquals(1, sweeps.sweep());
            assertEquals(windowEnd, windowTo(incident));
            assertEquals("1", runs(incident));
            assertEquals(0, sweeps.sweep(), "diagnosed once");
        }
    }

    @Test
    void closingDoesNotWaitForADiagnosisDueLater() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "refresh-close");
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        UUID incident = incident(writer, data, "refresh-close-1");
        RcaService rca = service(writer, data, Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS));
        DeferredIncidentListener listener = new DeferredIncidentListener(rca.listener("nsigma", id -> data.tenant), writer,
                Duration.ofMinutes(5));
        listener.opened(incident, data.tenantId, FRONT_END, data.anomalyStart);
        awaitRuns(incident, 1);
        Instant closing = Instant.now();
        listener.close();
        assertTrue(Duration.between(closing, Instant.now()).compareTo(Duration.ofSeconds(5)) < 0, "closed without waiting");
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM incident_diagnosis_due WHERE event_id = '" + incident + "'"),
                "the note stays for a sweep");
    }

    /** An RcaService whose incidents' windows end at {@code windowEnd}, a moment from now. */
    private static RcaService service(DSLContext writer, SlowPaymentMetrics data, Instant windowEnd) {
        return new RcaService(writer, new DiagnosisWindowLoader(writer), RcaService.NORMAL_LOOKBACK_DEFAULT,
                Duration.between(data.anomalyStart, windowEnd), STORE_LAG, DiagnosisSettings.defaults(), false);
    }

    private static UUID incident(DSLContext writer, SlowPaymentMetrics data, String key) {
        return writer.transactionResult(tx -> {
            IncidentStore store = new IncidentStore(tx.dsl());
            UUID id = store.open(new IncidentStore.IncidentReport(data.tenantId, key, "detector", "slo_violation", "ERROR",
                    "slow checkout", null, data.anomalyStart, Optional.of(FRONT_END), Map.of())).eventId();
            store.noteDiagnosisDue(id, data.tenantId, FRONT_END, data.anomalyStart);
            return id;
        });
    }

    private static String runs(UUID incident) throws Exception {
        return Rows.single(db, "SELECT count(*) FROM rca_run WHERE event_id = '" + incident + "'");
    }

    private static Instant windowTo(UUID incident) throws Exception {
        return Instant.parse(Rows.single(db, "SELECT to_char(max(window_to) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                + " FROM rca_run WHERE event_id = '" + incident + "'"));
    }

    private static String dueAt(UUID incident) throws Exception {
        return Instant.parse(Rows.single(db, "SELECT to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                + " FROM incident_diagnosis_due WHERE event_id = '" + incident + "'")).toString();
    }

    private static void awaitRuns(UUID incident, int runs) throws Exception {
        await(() -> runs(incident).equals(Integer.toString(runs)), Duration.ofSeconds(20), runs + " diagnosis");
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check, Duration limit, String what) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!check.holds()) {
            assertTrue(Instant.now().isBefore(deadline), "no " + what + " within " + limit);
            Thread.sleep(100);
        }
    }
}
