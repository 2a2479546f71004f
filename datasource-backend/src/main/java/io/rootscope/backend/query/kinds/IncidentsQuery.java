package io.rootscope.backend.query.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.query.IncidentRepository;
import io.rootscope.backend.query.IncidentRepository.Incident;
import io.rootscope.backend.query.IncidentRepository.Status;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import io.rootscope.backend.query.WorkbenchLinks;
import java.util.List;
import java.util.Map;

/** {@code incidents}: events overlapping the range, as a table whose titles link to the RCA workbench. */
public final class IncidentsQuery implements QueryKind {

    @Override
    public String name() {
        return "incidents";
    }

    @Override
    public String label() {
        return "Incidents";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return IncidentFilter.OPTIONS;
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        IncidentFilter payload = Json.convert(json, IncidentFilter.class, "payload");
        Status status = payload.chosenStatus();
        Map<String, Object> workbenchLink = Map.of("links", List.of(Map.of(
                "title", "Open in the RCA workbench",
                "url", "/d/" + WorkbenchLinks.RCA_WORKBENCH_UID + "?var-incident=${__data.fields.event_id}&${__url_time_range}")));
        DataFrame.Builder frame = DataFrame.builder("incidents")
                .field("event_id", "string")
                .field("started_at", "time")
                .field("ended_at", "time")
                .field("title", "string", workbenchLink, Map.of())
                .field("severity", "string")
                .field("status", "string")
                .field("resource", "string")
                .field("kind", "string")
                .field("source", "string")
                .field("top_cause", "string");
        for (Incident incident : IncidentRepository.inRange(context, status, payload.resource())) {
            frame.row(incident.eventId().toString(), incident.startedAt().toEpochMilli(),
                    incident.endedAt() == null ? null : incident.endedAt().toEpochMilli(), incident.title(), incident.severity(),
                    incident.status(), incident.resource(), incident.kind(), incident.source(), incident.topCause());
        }
        return List.of(frame.build());
    }
}
