package io.rootscope.backend.detection;

import io.rootscope.backend.incident.FailSafeListener;
import io.rootscope.backend.incident.IncidentListener;
import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;

import io.rootscope.backend.etl.parse.MalformedPayloadException;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.etl.parse.ParseResult;
import io.rootscope.backend.incident.IncidentStore;
import io.rootscope.backend.incident.IncidentStore.IncidentReport;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Turns other detectors' anomaly events into incidents: gala-anteater JSON (the route {@code POST /events/anteater})
 * becomes {@code event_envelope} rows of kind {@code anomaly} and source {@code gala-anteater}, deduplicated by the
 * event id, on the first {@link AnteaterResourceMapping mapped} resource that exists in the tenant, with evidence
 * links for the anomalous metric and each cause metric. A new incident is stored with its diagnosis due
 * ({@link IncidentStore#noteDiagnosisDue}) in one transaction, then goes to the {@link IncidentListener}: should this
 * replica die in between, another one's sweep diagnoses it. An event
 * whose labels name no known resource is rejected naming the label; the others are still ingested.
 */
public final class ExternalEventIngestor {

    public static final String SOURCE = "gala-anteater";

    private final DSLContext db;
    private final IncidentListener listener;
    private final AnteaterEventParser parser = new AnteaterEventParser();

    public ExternalEventIngestor(DSLContext db, IncidentListener listener) {
        this.db = db;
        this.listener = new FailSafeListener(listener);
    }

    /**
     * Ingests one payload of gala-anteater events for a tenant.
     *
     * @throws MalformedPayloadException if the payload is not JSON, or neither an event nor an array of events
     * @throws IOException               if reading the stream fails
     */
    public IngestResult ingest(long tenantId, InputStream json) throws IOException {
        ParseResult<AnteaterEvent> parsed = parser.parse(json);
        Map<String, Long> resources = knownResources(tenantId, parsed.accepted());
        List<UUID> opened = new ArrayList<>();
        List<UUID> updated = new ArrayList<>();
        List<ParseReject> rejects = new ArrayList<>(parsed.rejects());
        for (AnteaterEvent event : parsed.accepted()) {
            Optional<ResourceCandidate> resource = firstKnown(event.resources(), resources);
            if (resource.isEmpty()) {
                ResourceCandidate first = event.resources().get(0);
                rejects.add(new ParseReject(first.field(), "no resource " + first.urn() + " in tenant " + tenantId));
                continue;
            }
            String urn = resource.get().urn();
            IncidentStore.Opened stored = db.transactionResult(tx -> {
                IncidentStore store = new IncidentStore(tx.dsl());
                IncidentStore.Opened incident = store.open(report(tenantId, event, urn));
                link(store, incident.eventId(), event, resources);
                if (incident.created()) {
                    store.noteDiagnosisDue(incident.eventId(), tenantId, urn, event.anomalyStart());
                }
                return incident;
            });
            if (stored.created()) {
                opened.add(stored.eventId());
                listener.opened(stored.eventId(), tenantId, urn, event.anomalyStart());
            } else {
                updated.add(stored.eventId());
            }
        }
        return new IngestResult(opened, updated, rejects);
    }

    /** The id of each URN any event or cause metric may name that exists in the tenant. */
    private Map<String, Long> knownResources(long tenantId, List<AnteaterEvent> events) {
        Set<String> urns = new HashSet<>();
        for (AnteaterEvent event : events) {
            event.resources().forEach(candidate -> urns.add(candidate.urn()));
            event.causeMetrics().forEach(cause -> cause.resources().forEach(candidate -> urns.add(candidate.urn())));
        }
        return db.select(DIM_RESOURCE.URN, DIM_RESOURCE.RESOURCE_ID).from(DIM_RESOURCE)
                .where(DIM_RESOURCE.TENANT_ID.eq(tenantId)).and(DIM_RESOURCE.URN.in(urns))
                .fetchMap(DIM_RESOURCE.URN, DIM_RESOURCE.RESOURCE_ID);
    }

    private static Optional<ResourceCandidate> firstKnown(List<ResourceCandidate> candidates, Map<String, Long> known) {
        return candidates.stream().filter(candidate -> known.containsKey(candidate.urn())).findFirst();
    }

    private static IncidentReport report(long tenantId, AnteaterEvent event, String urn) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("entity_id", event.entityId());
        labels.put("event_id", event.eventId());
        event.eventType().ifPresent(type -> labels.put("event_type", type));
        event.metric().ifPresent(metric -> labels.put("metric", metric));
        String title = event.metric().map(metric -> "Anomalous " + metric + " on " + urn).orElse("Anomaly on " + urn)
                + " (gala-anteater)";
        return new IncidentReport(tenantId, SOURCE + ":" + event.eventId(), SOURCE, "anomaly", event.severity().name(), title,
                event.body().orElse(null), event.anomalyStart(), Optional.of(urn), labels);
    }

    /** Evidence: the anomalous metric on the event's resource, then each cause metric, over the detection window. */
    private static void link(IncidentStore store, UUID eventId, AnteaterEvent event, Map<String, Long> resources) {
        if (event.metric().isPresent()) {
            store.link(eventId, "metric", evidence(event, event.metric().get(), event.labels(), event.resources(), resources), null,
                    boxed(event.anomalyScore()), "anomalous metric reported by gala-anteater");
        }
        for (CauseMetric cause : event.causeMetrics()) {
            store.link(eventId, "metric", evidence(event, cause.metricId(), cause.labels(), cause.resources(), resources), null,
                    boxed(cause.score()), cause.description().orElse("cause metric named by gala-anteater"));
        }
    }

    private static Double boxed(OptionalDouble score) {
        return score.isPresent() ? score.getAsDouble() : null;
    }

    private static Map<String, Object> evidence(AnteaterEvent event, String metric, Map<String, String> labels,
                                                List<ResourceCandidate> candidates, Map<String, Long> resources) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("source", SOURCE);
        ref.put("metric", metric);
        firstKnown(candidates, resources).ifPresent(candidate -> ref.put("resource_id", resources.get(candidate.urn())));
        ref.put("labels", labels);
        ref.put("from", event.anomalyStart().toString());
        ref.put("to", event.reportedAt().toString());
        return ref;
    }
}
