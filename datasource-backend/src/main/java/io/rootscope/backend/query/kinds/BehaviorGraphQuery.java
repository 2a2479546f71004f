package io.rootscope.backend.query.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.protocol.NodeGraphFrames;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import io.rootscope.backend.query.ResourceNames;
import io.rootscope.backend.rca.RcaService;
import io.rootscope.backend.rca.RcaService.Candidate;
import io.rootscope.backend.rca.RcaService.RankedDiagnosis;
import io.rootscope.backend.refusal.InvalidInputException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code behavior_graph}: the anomaly behavior graph of a diagnosis as a Node Graph — services sized by their
 * root-cause score, edges from cause to effect with their strongest per-metric-type weight. The diagnosis is the one the
 * {@code rca} kind shows for the same payload, or a stored run of the caller's tenant by id.
 */
public final class BehaviorGraphQuery implements QueryKind {

    record Payload(UUID event_id, Long run_id, String frontend, String method, String anomaly_start) {
    }

    private final RcaService rca;
    private final DiagnosisRequests requests;

    public BehaviorGraphQuery(RcaService rca) {
        this.rca = rca;
        this.requests = new DiagnosisRequests(rca);
    }

    @Override
    public String name() {
        return "behavior_graph";
    }

    @Override
    public String label() {
        return "Anomaly behavior graph (Node Graph)";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return List.of(PayloadOption.input("event_id", "Incident", "event id (e.g. $incident)"),
                PayloadOption.input("run_id", "Diagnosis run", "stored rca run id (instead of an incident)"),
                PayloadOption.input("frontend", "Front-end", "URN, when no incident is given"),
                PayloadOption.input("method", "Method", "as in the rca query (default: default)"),
                PayloadOption.input("anomaly_start", "Anomaly start", "as in the rca query (optional)"));
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        Payload payload = Json.convert(json, Payload.class, "payload");
        RankedDiagnosis diagnosis;
        if (payload.run_id() != null) {
            diagnosis = rca.byRun(context.db(), context.tenantId(), payload.run_id())
                    .orElseThrow(() -> new InvalidInputException("payload.run_id", "no diagnosis run " + payload.run_id() + " in this tenant"));
        } else if (payload.event_id() != null || payload.frontend() != null) {
            diagnosis = requests.diagnose(context, payload.event_id(), payload.frontend(), payload.method(), payload.anomaly_start())
                    .diagnosis();
        } else {
            throw new InvalidInputException("payload.event_id", "give an incident (event_id), a front-end over the panel's range (frontend) "
                    + "or a stored diagnosis (run_id)");
        }
        double top = diagnosis.ranking().stream().mapToDouble(Candidate::score).max().orElse(1);
        NodeGraphFrames frames = new NodeGraphFrames();
        for (Candidate candidate : diagnosis.ranking()) {
            frames.node(candidate.urn(), ResourceNames.shortName(candidate.urn()), "#" + candidate.rank(),
                    String.format(Locale.ROOT, "%.3f", candidate.score()), strongest(candidate.contributions()),
                    top > 0 ? candidate.score() / top : 0);
        }
        for (JsonNode edge : diagnosis.explanation().path("edges")) {
            frames.edge(edge.get("cause").asText(), edge.get("effect").asText(), strongest(edge.get("weights")));
        }
        return frames.build();
    }

    /** "type value" of the largest entry of a type → number map, or empty. */
    private static String strongest(JsonNode byType) {
        String best = "";
        double max = Double.NEGATIVE_INFINITY;
        for (Iterator<Map.Entry<String, JsonNode>> it = byType.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().asDouble() > max) {
                max = entry.getValue().asDouble();
                best = String.format(Locale.ROOT, "%s %.2f", entry.getKey(), max);
            }
        }
        return best;
    }
}
