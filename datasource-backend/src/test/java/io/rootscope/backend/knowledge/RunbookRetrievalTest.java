package io.rootscope.backend.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.RepositoryRoot;
import io.rootscope.backend.testing.StoredDiagnoses;
import io.rootscope.backend.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The starter runbooks are found for the incidents end-to-end runs produce: for every injected fault type of every
 * captured run, the runbook written for it is among the first three of its incident's {@code runbooks} answer, with the
 * answer built as the backend builds it ({@link RunbookFinder} over {@code runbook_queries}) from the stored diagnosis of
 * that run ({@link E2eIncidents}).
 */
class RunbookRetrievalTest {

    /** The fault types of the e2e simulator ({@code io.rootscope.workload.fault.FaultType}, a module this one does not see). */
    private static final List<String> SIMULATED_FAULTS = List.of("CPU_STRESS", "HTTP_ABORT", "JVM_EXCEPTION", "MEMORY_LEAK",
            "NETWORK_DELAY", "PACKET_LOSS", "POD_KILL");

    @Test
    void everyFaultTypesRunbookIsInTheTopThreeOfItsIncidentsAnswer() throws Exception {
        DSLContext db = DSL.using(TestDatabase.shared().dataSource(), SQLDialect.POSTGRES);
        String tenant = StoredDiagnoses.newTenant(TestDatabase.shared().dataSource(), "retrieval");
        SentenceEmbedder embedder = new SentenceEmbedder();
        new RunbookLoader(db, embedder).load(RepositoryRoot.find().resolve("provisioning/runbooks"), tenant);
        List<E2eIncidents.Incident> incidents = E2eIncidents.store(db, tenant);
        for (String run : E2eIncidents.RUNS) {
            assertEquals(SIMULATED_FAULTS, incidents.stream().filter(incident -> incident.run().equals(run))
                    .map(E2eIncidents.Incident::fault).sorted().toList(), "one incident per fault type the e2e simulator injects, run " + run);
        }

        RunbookFinder finder = new RunbookFinder(embedder);
        List<String> ranks = new ArrayList<>();
        boolean allInTopThree = true;
        for (E2eIncidents.Incident incident : incidents) {
            int rank = E2eIncidents.rank(finder, db, tenant, incident);
            ranks.add(incident.run() + " " + incident.fault() + " " + rank);
            allInTopThree &= rank >= 1 && rank <= 3;
        }
        assertTrue(allInTopThree, "rank of each fault type's runbook (0: absent): " + ranks);
    }
}
