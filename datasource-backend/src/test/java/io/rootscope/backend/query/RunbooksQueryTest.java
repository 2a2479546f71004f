package io.rootscope.backend.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.knowledge.RunbookLoader;
import io.rootscope.backend.knowledge.SentenceEmbedder;
import io.rootscope.backend.testing.Frames;
import io.rootscope.backend.testing.RepositoryRoot;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.StoredDiagnoses;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code runbooks} query kind and the runbook rows of the evidence chain, over stored diagnoses, with the starter
 * runbooks of {@code provisioning/runbooks} loaded into the tenant.
 */
class RunbooksQueryTest {

    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.HOURS);
    private static DataSource db;
    private static TestBackend backend;
    private static String tenant;
    private static String otherTenant;

    @BeforeAll
    static void start(@TempDir Path otherFolder) throws Exception {
        db = TestDatabase.shared().dataSource();
        tenant = tenant();
        otherTenant = tenant();
        SentenceEmbedder embedder = new SentenceEmbedder();
        RunbookLoader loader = new RunbookLoader(DSL.using(db, SQLDialect.POSTGRES), embedder);
        loader.load(RepositoryRoot.find().resolve("provisioning/runbooks"), tenant);
        Files.writeString(otherFolder.resolve("memory.md"), "# Memory of the other tenant\n## Check\nmemory working set OOMKilled\n");
        loader.load(otherFolder, otherTenant);
        backend = new TestBackend(Optional.empty());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void aMemoryCauseBringsTheMemoryLeakRunbookFirst() throws Exception {
        UUID incident = diagnosed(tenant, "Anomalous memory on urn:k8s:svc:shop/carts",
                "{\"memory\": 4.2, \"cpu\": 0.1, \"latency\": 0.05}", "{\"latency\": 1.0, \"rtt\": 0.8}", null);
        JsonNode frame = runbooks(incident, tenant, "{\"event_id\":\"" + incident + "\"}");
        assertEquals("Memory leak of a Kubernetes service", Frames.values(frame, "runbook").get(0));
        assertEquals("1", Frames.values(frame, "cause_rank").get(0));
        assertEquals("carts", Frames.values(frame, "cause").get(0));
        // Three runbooks per cause by default, each listed once.
        List<String> titles = Frames.values(frame, "runbook");
        assertEquals(6, titles.size(), titles.toString());
        assertEquals(titles.size(), titles.stream().distinct().count(), titles.toString());
        assertTrue(Frames.values(frame, "link").stream().allMatch(link -> link.startsWith("/explore?")), frame.toString());
        double first = Double.parseDouble(Frames.values(frame, "score").get(0));
        assertTrue(first > 0, frame.toString());
    }

    @Test
    void aCodeFaultFoundInTheLogsBringsTheCodeExceptionsRunbookFirst() throws Exception {
        UUID incident = diagnosed(tenant, "new ERROR template on carts: java.lang.IllegalStateException: cart <*> not found",
                "{\"log_template_shift\": 5.0, \"log_errors\": 1.2, \"span_errors\": 0.9, \"cpu\": 0.01}", "{\"log_errors\": 0.5}",
                "java.lang.IllegalStateException: cart <*> not found");
        JsonNode frame = runbooks(incident, tenant, "{\"event_id\":\"" + incident + "\",\"k\":1}");
        assertEquals(List.of("Code exceptions in a Kubernetes service"), Frames.values(frame, "runbook").subList(0, 1));
        assertEquals(List.of("1", "2"), Frames.values(frame, "cause_rank"));
    }

    @Test
    void thePassagesJoinTheEvidenceChain() throws Exception {
        UUID incident = diagnosed(tenant, "Anomalous cpu on urn:k8s:svc:shop/carts",
                "{\"span_self_time\": 12.0, \"cpu\": 2.2, \"latency\": 1.1}", "{\"latency\": 0.3}", null);
        JsonNode evidence = backend.frames(TestBackend.queryBody(START.minus(1, ChronoUnit.HOURS), Instant.now(), "evidence",
                "{\"event_id\":\"" + incident + "\"}"), tenant).get(0);
        List<String> dims = Frames.values(evidence, "dim");
        int first = dims.indexOf("runbook");
        assertTrue(first >= 0, evidence.toString());
        assertEquals("CPU saturation of a Kubernetes service — Trigger", Frames.values(evidence, "title").get(first));
        assertEquals("runbook for root cause 1 (carts)", Frames.values(evidence, "note").get(first));
        assertTrue(Frames.values(evidence, "link").get(first).startsWith("/explore?"));
    }

    @Test
    void anotherTenantGetsNoneOfTheIncidentsRunbooksAndABadPayloadIsRefused() throws Exception {
        UUID incident = diagnosed(tenant, "Anomalous memory on urn:k8s:svc:shop/carts", "{\"memory\": 4.2}", "{\"latency\": 1.0}", null);
        // An empty frame's fields carry no values.
        JsonNode none = runbooks(incident, otherTenant, "{\"event_id\":\"" + incident + "\"}");
        assertTrue(none.get("fields").findValues("values").stream().allMatch(JsonNode::isEmpty), none.toString());
        assertEquals("runbook", none.get("fields").get(2).get("name").asText(), none.toString());
        TestBackend.Response refused = backend.post("/query", TestBackend.queryBody(START, Instant.now(), "runbooks",
                "{\"event_id\":\"" + incident + "\",\"k\":0}"), tenant);
        assertEquals(400, refused.status(), refused.text());
        assertEquals("payload.k", refused.body().get("field").asText());
    }

    private static JsonNode runbooks(UUID incident, String as, String payload) throws Exception {
        return backend.frames(TestBackend.queryBody(START.minus(1, ChronoUnit.HOURS), Instant.now(), "runbooks", payload), as).get(0);
    }

    private static String tenant() throws Exception {
        return StoredDiagnoses.newTenant(db, "rb");
    }

    private static UUID diagnosed(String tenantCode, String title, String carts, String orders, String logTemplate) throws Exception {
        return StoredDiagnoses.create(db, tenantCode, title, START, carts, orders, logTemplate);
    }
}
