package io.rootscope.backend.rca;

import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.incident.DeferredIncidentListener;
import io.rootscope.backend.incident.IncidentStore;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestDatabase;
import java.time.Duration;
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
 * A replica that committed a new incident and died before diagnosing it leaves the incident's note: another replica's
 * sweep diagnoses it once (a database of its own, so that no other test's notes are swept).
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
}
