package io.rootscope.backend.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The incidents of end-to-end runs, one per injected fault type in each run, as the {@code runbooks} answer reads them:
 * the alert text, the top three causes with their contributions, and the evidence the diagnosis linked to each. Each
 * fixture ({@code knowledge/e2e-runs/DATE-TIME.json}, named by its first incident's start, UTC) is a copy of what
 * {@code EndToEndTest} writes to {@code e2e/target/runbook-evidence.json} from the database of its run, so queries are
 * built from what the product stored, not from text written for the test. Runs differ (timing, the diagnosis' ranking,
 * the alert that opened the incident), so each added run tests retrieval on incidents it was not tuned on.
 */
final class E2eIncidents {

    /** One stored incident: its run, the fault type injected for it and the title of the starter runbook for that type. */
    record Incident(String run, String fault, String runbook, UUID eventId) {
    }

    /** The captured runs, oldest first. */
    static final List<String> RUNS = List.of("2026-12-07-0603", "2026-12-07-0950", "2026-12-07-1259", "2026-12-07-1954");

    private E2eIncidents() {
    }

    /**
     * Where the incident's runbook is in its {@code runbooks} answer (1-based; 0: absent), as the query kind answers by
     * default: three runbooks per cause, each listed once.
     */
    static int rank(RunbookFinder finder, DSLContext db, String tenant, Incident incident) {
        List<String> titles = finder.forIncident(db, tenant, incident.eventId(), 3).stream().map(RunbookFinder.Passage::title).toList();
        return titles.indexOf(incident.runbook()) + 1;
    }

    /** Stores every incident of every run, with its diagnosis, for {@code tenant}. */
    static List<Incident> store(DSLContext db, String tenant) {
        long tenantId = db.fetchSingle("SELECT tenant_id FROM rootscope.dim_tenant WHERE code = ?", tenant).get(0, Long.class);
        List<Incident> stored = new ArrayList<>();
        for (String run : RUNS) {
            JsonNode incidents;
            try (InputStream in = E2eIncidents.class.getResourceAsStream("/knowledge/e2e-runs/" + run + ".json")) {
                incidents = Json.MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (JsonNode incident : incidents) {
                stored.add(new Incident(run, incident.get("fault").asText(), incident.get("runbook").asText(), store(db, tenantId, incident)));
            }
        }
        return stored;
    }

    private static UUID store(DSLContext db, long tenantId, JsonNode incident) {
        JsonNode causes = incident.get("causes");
        List<Long> resources = new ArrayList<>();
        for (JsonNode cause : causes) {
            resources.add(db.fetchSingle("""
                    INSERT INTO rootscope.dim_resource (tenant_id, urn, type, name) VALUES (?, ?, 'service', ?)
                    ON CONFLICT (tenant_id, urn) DO UPDATE SET name = EXCLUDED.name RETURNING resource_id""",
                    tenantId, cause.get("urn").asText(), cause.get("name").asText()).get(0, Long.class));
        }
        String start = Instant.now().minusSeconds(600).toString();
        UUID eventId = db.fetchSingle("""
                INSERT INTO rootscope.event_envelope (tenant_id, resource_id, dedup_key, source, kind, severity, status, title, summary, started_at)
                VALUES (?, ?, ?, 'test', 'anomaly', 'ERROR', 'open', ?, ?, ?::timestamptz) RETURNING event_id""",
                tenantId, resources.get(0), UUID.randomUUID().toString(), incident.get("title").asText(),
                incident.path("summary").asText(null), start).get(0, UUID.class);
        long runId = db.fetchSingle("""
                INSERT INTO rootscope.rca_run (tenant_id, event_id, method, frontend_resource_id, window_from, window_to, input_hash, status)
                VALUES (?, ?, 'multimodal', ?, ?::timestamptz - interval '30 minutes', ?::timestamptz + interval '5 minutes', ?, 'succeeded')
                RETURNING run_id""", tenantId, eventId, resources.get(0), start, start, eventId.toString()).get(0, Long.class);
        for (int i = 0; i < causes.size(); i++) {
            JsonNode cause = causes.get(i);
            db.execute("INSERT INTO rootscope.rca_candidate (run_id, rank, resource_id, score, contributions) VALUES (?, ?, ?, ?, ?::jsonb)",
                    runId, cause.get("rank").asInt(), resources.get(i), cause.get("score").asDouble(),
                    cause.get("contributions").toString());
            for (JsonNode link : cause.get("evidence")) {
                // The run and resource ids of this database in place of the run's.
                db.execute("""
                        INSERT INTO rootscope.evidence_link (event_id, dim, ref_pg, score, note)
                        VALUES (?, ?, ?::jsonb || jsonb_build_object('run_id', ?::bigint, 'resource_id', ?::bigint), ?, ?)""",
                        eventId, link.get("dim").asText(), link.get("ref").toString(), runId, resources.get(i),
                        link.path("score").isNumber() ? link.get("score").asDouble() : null, link.path("note").asText(null));
            }
        }
        return eventId;
    }
}
