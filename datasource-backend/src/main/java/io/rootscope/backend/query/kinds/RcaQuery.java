package io.rootscope.backend.query.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import io.rootscope.backend.rca.NormalPeriod;
import io.rootscope.backend.rca.RcaService;
import io.rootscope.backend.rca.RcaService.Candidate;
import io.rootscope.backend.rca.RcaService.RankedDiagnosis;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code rca}: the root-cause ranking of an incident (its stored diagnosis while its inputs are unchanged) or of a
 * front-end over the panel's range (ad hoc, cached in memory, never stored); frames {@code ranking} (rank, resource,
 * score, contributions, evidence: the candidate's strongest log, trace and metric findings, path: the way from the
 * front-end to it; meta: {@code run_id} of a stored run or null, {@code diagnosis} the input hash both panels share)
 * and {@code paths} (most visited walk paths).
 */
public final class RcaQuery implements QueryKind {

    record Payload(UUID event_id, String frontend, String method, String anomaly_start) {
    }

    private final DiagnosisRequests requests;

    public RcaQuery(RcaService rca) {
        this.requests = new DiagnosisRequests(rca);
    }

    @Override
    public String name() {
        return "rca";
    }

    @Override
    public String label() {
        return "Root-cause ranking (AutoMAP)";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return List.of(
                PayloadOption.input("event_id", "Incident", "event id (e.g. $incident)"),
                PayloadOption.input("frontend", "Front-end", "URN, when no incident is given"),
                PayloadOption.select("method", "Method", RootCauseMethods.names()),
                PayloadOption.input("anomaly_start", "Anomaly start", "ISO time (optional)"));
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        Payload payload = Json.convert(json, Payload.class, "payload");
        DiagnosisRequests.Diagnosed diagnosed = requests.diagnose(context, payload.event_id(), payload.frontend(), payload.method(),
                payload.anomaly_start());
        RankedDiagnosis diagnosis = diagnosed.diagnosis();
        DataFrame.Builder ranking = DataFrame.builder("ranking")
                .field("rank", "number")
                .field("resource", "string", Map.of("links", List.of(Map.of("title", "Service view",
                        "url", "/d/rootscope-service?var-service=${__value.raw}&${__url_time_range}"))), Map.of())
                .field("score", "number")
                .field("contributions", "string")
                .field("evidence", "string")
                .field("path", "string")
                .meta("custom", custom(diagnosed));
        JsonNode walkPaths = diagnosis.explanation().path("paths");
        CandidateFindings findings = new CandidateFindings(diagnosis.explanation().path("evidence"), walkPaths);
        for (Candidate candidate : diagnosis.ranking()) {
            ranking.row(candidate.rank(), candidate.urn(), candidate.score(), candidate.contributions().toString(),
                    findings.findings(candidate.urn()), findings.path(candidate.urn()));
        }
        DataFrame.Builder paths = DataFrame.builder("paths").field("path", "string").field("visits", "number");
        for (JsonNode path : walkPaths) {
            List<String> services = Json.MAPPER.convertValue(path.get("services"), Json.MAPPER.getTypeFactory()
                    .constructCollectionType(List.class, String.class));
            paths.row(String.join(" → ", services), path.get("walkers").asInt());
        }
        return List.of(ranking.build(), paths.build());
    }

    private static Map<String, Object> custom(DiagnosisRequests.Diagnosed diagnosed) {
        RankedDiagnosis diagnosis = diagnosed.diagnosis();
        RcaService.RcaRequest request = diagnosed.request();
        // A HashMap: an ad-hoc diagnosis has no run id, and Map.of takes no nulls.
        Map<String, Object> custom = new HashMap<>();
        // The window the ranking compares: its normal period may leave out earlier incidents (README, RCA).
        Map<String, Object> window = new HashMap<>();
        window.put("from", request.from().toString());
        window.put("to", request.to().toString());
        window.put("anomaly_start", request.anomalyStart().map(Instant::toString).orElse(null));
        window.put("normal_excluded", request.excluded().stream().map(NormalPeriod.TimeRange::asJson).toList());
        custom.put("window", window);
        custom.put("run_id", diagnosis.runId());
        custom.put("stored", diagnosis.runId() != null);
        custom.put("diagnosis", diagnosis.inputHash());
        custom.put("reused", diagnosis.reused());
        custom.put("method", diagnosis.method());
        custom.put("duration_ms", diagnosis.durationMs());
        // Which confirmed root causes the diagnosis learned from: the version of the tenant's lessons it recalled.
        custom.put("learning", Map.of("revision", diagnosis.learning().revision(), "lessons", diagnosis.learning().lessons()));
        return custom;
    }
}
