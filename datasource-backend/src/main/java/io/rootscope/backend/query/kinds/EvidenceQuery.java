package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.db.schema.Tables.EVIDENCE_CHAIN;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.db.schema.tables.records.EvidenceChainRecord;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.knowledge.RunbookFinder;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import io.rootscope.backend.query.WorkbenchLinks;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code evidence}: the evidence chain of an incident (evidence_chain), each row with a link to its detail, followed by
 * the runbook passages for its top root causes ({@link RunbookFinder}, the best one per cause).
 */
public final class EvidenceQuery implements QueryKind {

    private final RunbookFinder runbooks;

    public EvidenceQuery(RunbookFinder runbooks) {
        this.runbooks = runbooks;
    }

    record Payload(UUID event_id) {
    }

    @Override
    public String name() {
        return "evidence";
    }

    @Override
    public String label() {
        return "Evidence chain";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return List.of(PayloadOption.input("event_id", "Incident", "event id (e.g. $incident)"));
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        UUID eventId = Payloads.requiredEvent(Json.convert(json, Payload.class, "payload").event_id());
        DataFrame.Builder frame = DataFrame.builder("evidence")
                .field("dim", "string")
                .field("title", "string")
                .field("detail", "string")
                .field("link", "string", Map.of("links", List.of(Map.of("title", "Open detail", "url", "${__value.raw}"))), Map.of())
                .field("score", "number")
                .field("note", "string");
        for (EvidenceChainRecord row : context.db().selectFrom(EVIDENCE_CHAIN.call(context.tenant(), eventId)).fetch()) {
            frame.row(row.getDim(), row.getTitle(), row.getDetail(), link(eventId, row), row.getScore(), row.getNote());
        }
        for (RunbookFinder.Passage passage : runbooks.forIncident(context.db(), context.tenant(), eventId, 1)) {
            frame.row("runbook", passage.title() + " — " + passage.section(), passage.content(),
                    WorkbenchLinks.runbookPassage(passage.chunkId(), context.from(), context.to()), passage.score(),
                    "runbook for root cause " + passage.causeRank() + " (" + passage.causeName() + ")");
        }
        return List.of(frame.build());
    }

    /** Raw detail where a locator says where it is; otherwise the layer dashboard of the fact. */
    static String link(UUID eventId, EvidenceChainRecord row) {
        if ("prometheus".equals(row.getLocatorBackend()) && row.getLocatorFrom() != null) {
            return WorkbenchLinks.explorePrometheus(row.getLocatorQuery(), row.getLocatorFrom().toInstant(), row.getLocatorTo().toInstant());
        }
        // A diagnosis' traces: their spans, on the SQL data source.
        if ("postgres".equals(row.getLocatorBackend()) && row.getLocatorFrom() != null) {
            return WorkbenchLinks.explorePostgres(row.getLocatorQuery(), row.getLocatorFrom().toInstant(), row.getLocatorTo().toInstant());
        }
        JsonNode ref = row.getRef() == null ? null : Json.read(row.getRef().data(), JsonNode.class, "ref");
        return switch (row.getDim()) {
            case "metric" -> WorkbenchLinks.dashboard("rootscope-application", "resource_id", ref == null ? "" : ref.path("resource_id").asText());
            case "log" -> WorkbenchLinks.dashboard("rootscope-logs", "pattern_id", ref == null ? "" : ref.path("pattern_id").asText());
            case "topology", "trace" -> WorkbenchLinks.dashboard("rootscope-service", "incident", eventId.toString());
            default -> WorkbenchLinks.dashboard(WorkbenchLinks.RCA_WORKBENCH_UID, "incident", eventId.toString());
        };
    }
}
