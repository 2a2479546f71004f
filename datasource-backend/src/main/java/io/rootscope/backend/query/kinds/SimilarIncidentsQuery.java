package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.db.schema.Tables.SIMILAR_INCIDENTS;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.db.schema.tables.records.SimilarIncidentsRecord;
import io.rootscope.backend.json.Json;
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
 * {@code similar_incidents}: past incidents with the nearest anomaly profiles (pgvector KNN), those with a confirmed root
 * cause first (among the 4 × k nearest): their confirmed cause ({@code root_cause}), who confirmed it and the top cause
 * of their diagnosis.
 */
public final class SimilarIncidentsQuery implements QueryKind {

    record Payload(UUID event_id, Integer k) {
    }

    @Override
    public String name() {
        return "similar_incidents";
    }

    @Override
    public String label() {
        return "Similar past incidents";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return List.of(PayloadOption.input("event_id", "Incident", "event id (e.g. $incident)"),
                PayloadOption.input("k", "How many", "1-50 (default 5)"));
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        Payload payload = Json.convert(json, Payload.class, "payload");
        UUID eventId = Payloads.requiredEvent(payload.event_id());
        int k = Payloads.bounded(payload.k(), 5, 1, 50, "k");
        DataFrame.Builder frame = DataFrame.builder("similar_incidents")
                .field("event_id", "string", Map.of("links", List.of(Map.of("title", "Open in the RCA workbench",
                        "url", "/d/" + WorkbenchLinks.RCA_WORKBENCH_UID + "?var-incident=${__value.raw}"))), Map.of())
                .field("title", "string")
                .field("started_at", "time")
                .field("distance", "number")
                .field("root_cause", "string")
                .field("confirmed_by", "string")
                .field("diagnosed_cause", "string");
        for (SimilarIncidentsRecord row : context.db().selectFrom(SIMILAR_INCIDENTS.call(context.tenant(), eventId, k)).fetch()) {
            frame.row(row.getEventId().toString(), row.getTitle(), row.getStartedAt().toInstant().toEpochMilli(),
                    row.getDistance(), row.getRootCauseUrn(), row.getConfirmedBy(), row.getDiagnosedCauseUrn());
        }
        return List.of(frame.build());
    }
}
