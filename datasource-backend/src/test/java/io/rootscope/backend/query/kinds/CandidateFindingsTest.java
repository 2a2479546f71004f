package io.rootscope.backend.query.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.analytics.rca.EvidenceItem;
import io.rootscope.analytics.rca.EvidenceItem.Kind;
import io.rootscope.analytics.rca.Explanation;
import io.rootscope.analytics.rca.WalkPath;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.rca.StoredJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ranking's per-candidate columns, read from an explanation as it is stored: strongest findings first, the path cut at the candidate. */
class CandidateFindingsTest {

    @Test
    void eachCandidateShowsItsStrongestFindingsAndItsPathFromTheFrontEnd() throws Exception {
        Explanation explanation = new Explanation(List.of(), Map.of(), List.of(
                new WalkPath(List.of("front-end", "orders", "payment"), 9), new WalkPath(List.of("front-end", "carts"), 4)), Map.of(),
                List.of(new EvidenceItem("payment", Kind.OPERATION, "charge", "40 failed spans", 4, List.of("t1")),
                        new EvidenceItem("payment", Kind.LOG_TEMPLATE, "charge of order <*> failed", "new, 40/min; ERROR", 9, List.of()),
                        new EvidenceItem("payment", Kind.METRIC, "latency", "z 3.1", 1, List.of()),
                        new EvidenceItem("payment", Kind.CALL, "orders -> payment", "errors 0 -> 100%", 0.5, List.of()),
                        new EvidenceItem("orders", Kind.OPERATION, "x".repeat(300), "slower", 2, List.of())));
        StoredJson stored = new StoredJson(Json.MAPPER.writeValueAsString(explanation));
        CandidateFindings findings = new CandidateFindings(stored.path("evidence"), stored.path("paths"));

        assertEquals("LOG_TEMPLATE charge of order <*> failed: new, 40/min; ERROR; OPERATION charge: 40 failed spans; METRIC latency: z 3.1",
                findings.findings("payment"), "the three strongest");
        assertEquals("OPERATION " + "x".repeat(120) + "…: slower", findings.findings("orders"), "a long subject is cut");
        assertEquals("", findings.findings("carts"));
        assertEquals("front-end → orders → payment", findings.path("payment"));
        assertEquals("front-end → orders", findings.path("orders"), "cut at the candidate");
        assertEquals("front-end → carts", findings.path("carts"));
        assertEquals("", findings.path("catalogue"));
    }
}
