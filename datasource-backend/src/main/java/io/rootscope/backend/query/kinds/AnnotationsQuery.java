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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code annotations}: incidents as Grafana annotation frames (time, timeEnd, title, text, tags); the text
 * links to the RCA workbench for that incident and its time range.
 */
public final class AnnotationsQuery implements QueryKind {

    @Override
    public String name() {
        return "annotations";
    }

    @Override
    public String label() {
        return "Incident annotations";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return IncidentFilter.OPTIONS;
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        IncidentFilter payload = Json.convert(json, IncidentFilter.class, "payload");
        Status status = payload.chosenStatus();
        DataFrame.Builder frame = DataFrame.builder("annotations")
                .field("time", "time")
                .field("timeEnd", "time")
                .field("title", "string")
                .field("text", "string")
                .field("tags", "other")
                .field("event_id", "string");
        for (Incident incident : IncidentRepository.inRange(context, status, payload.resource())) {
            Instant end = incident.endedAt() == null ? Instant.now() : incident.endedAt();
            String link = WorkbenchLinks.incident(incident.eventId(), incident.startedAt(), incident.endedAt());
            String text = (incident.summary() == null ? "" : incident.summary() + "<br>")
                    + (incident.topCause() == null ? "" : "Top root cause: " + incident.topCause() + "<br>")
                    + "<a href=\"" + link + "\">Open in the RCA workbench</a>";
            List<String> tags = new ArrayList<>(List.of(incident.kind(), incident.severity(), incident.status()));
            if (incident.resource() != null) {
                tags.add(incident.resource());
            }
            frame.row(incident.startedAt().toEpochMilli(), end.toEpochMilli(), incident.title(), text, tags,
                    incident.eventId().toString());
        }
        return List.of(frame.build());
    }
}
