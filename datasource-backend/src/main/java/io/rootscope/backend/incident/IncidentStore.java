package io.rootscope.backend.incident;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;
import static io.rootscope.backend.db.schema.Tables.INCIDENT_DIAGNOSIS_DUE;
import static io.rootscope.backend.db.schema.Tables.EVIDENCE_LINK;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Opens, updates and closes incidents ({@code event_envelope}) idempotently by their dedup key, and records
 * their evidence links. Used by the Grafana alert webhook, the anomaly detector and external detectors.
 */
public final class IncidentStore {

    /** What a detector knows about an incident when it opens or refreshes it. */
    public record IncidentReport(long tenantId, String dedupKey, String source, String kind, String severity, String title,
                                 String summary, Instant startedAt, Optional<String> resourceUrn, Map<String, String> labels) {
    }

    /** The stored incident after an open: {@code created} is false when the dedup key already existed. */
    public record Opened(UUID eventId, boolean created) {
    }

    private final DSLContext db;

    public IncidentStore(DSLContext db) {
        this.db = db;
    }

    /**
     * Notes that the new incident's diagnosis is due ({@code incident_diagnosis_due}), on the transaction that opened it:
     * if the replica dies before the diagnosis is stored, another one's {@link DeferredIncidentListener} sweep makes it.
     */
    public void noteDiagnosisDue(UUID eventId, long tenantId, String frontendUrn, Instant anomalyStart) {
        db.insertInto(INCIDENT_DIAGNOSIS_DUE)
                .set(INCIDENT_DIAGNOSIS_DUE.EVENT_ID, eventId)
                .set(INCIDENT_DIAGNOSIS_DUE.TENANT_ID, tenantId)
                .set(INCIDENT_DIAGNOSIS_DUE.FRONTEND_URN, frontendUrn)
                .set(INCIDENT_DIAGNOSIS_DUE.ANOMALY_START, anomalyStart.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }

    /** Inserts the incident, or refreshes title, summary, severity and labels of the one with the same dedup key. */
    public Opened open(IncidentReport report) {
        Long resourceId = report.resourceUrn().flatMap(urn -> resourceId(report.tenantId(), urn)).orElse(null);
        var inserted = db.insertInto(EVENT_ENVELOPE)
                .set(EVENT_ENVELOPE.TENANT_ID, report.tenantId())
                .set(EVENT_ENVELOPE.RESOURCE_ID, resourceId)
                .set(EVENT_ENVELOPE.DEDUP_KEY, report.dedupKey())
                .set(EVENT_ENVELOPE.SOURCE, report.source())
                .set(EVENT_ENVELOPE.KIND, report.kind())
                .set(EVENT_ENVELOPE.SEVERITY, report.severity())
                .set(EVENT_ENVELOPE.TITLE, report.title())
                .set(EVENT_ENVELOPE.SUMMARY, report.summary())
                .set(EVENT_ENVELOPE.STARTED_AT, report.startedAt().atOffset(ZoneOffset.UTC))
                .set(EVENT_ENVELOPE.LABELS, JSONB.valueOf(json(report.labels())))
                .onConflictOnConstraint(DSL.name("event_envelope_dedup_uq"))
                .doUpdate()
                .set(EVENT_ENVELOPE.TITLE, report.title())
                .set(EVENT_ENVELOPE.SUMMARY, report.summary())
                .set(EVENT_ENVELOPE.SEVERITY, report.severity())
                .set(EVENT_ENVELOPE.LABELS, JSONB.valueOf(json(report.labels())))
                // xmax = 0 only on a freshly inserted row: tells an insert from an update in one statement.
                .returningResult(EVENT_ENVELOPE.EVENT_ID, DSL.field("xmax = 0", Boolean.class))
                .fetchOne();
        return new Opened(inserted.value1(), inserted.value2());
    }

    /** The tenant's resource of that URN, if it has one. */
    public Optional<Long> resourceId(long tenantId, String urn) {
        return db.select(DIM_RESOURCE.RESOURCE_ID).from(DIM_RESOURCE)
                .where(DIM_RESOURCE.TENANT_ID.eq(tenantId)).and(DIM_RESOURCE.URN.eq(urn))
                .fetchOptional(DIM_RESOURCE.RESOURCE_ID);
    }

    /** The incident with this dedup key, if one was stored. */
    public Optional<UUID> find(long tenantId, String dedupKey) {
        return find(tenantId, dedupKey, DSL.noCondition());
    }

    /** The incident with this dedup key while it is open. */
    public Optional<UUID> findOpen(long tenantId, String dedupKey) {
        return find(tenantId, dedupKey, EVENT_ENVELOPE.STATUS.eq("open"));
    }

    private Optional<UUID> find(long tenantId, String dedupKey, Condition condition) {
        return db.select(EVENT_ENVELOPE.EVENT_ID).from(EVENT_ENVELOPE)
                .where(EVENT_ENVELOPE.TENANT_ID.eq(tenantId)).and(EVENT_ENVELOPE.DEDUP_KEY.eq(dedupKey)).and(condition)
                .fetchOptional(EVENT_ENVELOPE.EVENT_ID);
    }

    /** Closes the open incident with this dedup key at {@code endedAt}; returns it, or empty if none was open. */
    public Optional<UUID> resolve(long tenantId, String dedupKey, Instant endedAt) {
        return db.update(EVENT_ENVELOPE)
                .set(EVENT_ENVELOPE.STATUS, "resolved")
                .set(EVENT_ENVELOPE.ENDED_AT, DSL.greatest(DSL.val(endedAt.atOffset(ZoneOffset.UTC)), EVENT_ENVELOPE.STARTED_AT))
                .where(EVENT_ENVELOPE.TENANT_ID.eq(tenantId)).and(EVENT_ENVELOPE.DEDUP_KEY.eq(dedupKey))
                .and(EVENT_ENVELOPE.STATUS.eq("open"))
                .returningResult(EVENT_ENVELOPE.EVENT_ID)
                .fetchOptional(EVENT_ENVELOPE.EVENT_ID);
    }

    /** Adds an evidence link unless the same one exists (idempotent by the link's identity hash). */
    public void link(UUID eventId, String dim, Map<String, Object> ref, Long locatorId, Double score, String note) {
        db.insertInto(EVIDENCE_LINK)
                .set(EVIDENCE_LINK.EVENT_ID, eventId)
                .set(EVIDENCE_LINK.DIM, dim)
                .set(EVIDENCE_LINK.REF_PG, ref == null ? null : JSONB.valueOf(json(ref)))
                .set(EVIDENCE_LINK.LOCATOR_ID, locatorId)
                .set(EVIDENCE_LINK.SCORE, score)
                .set(EVIDENCE_LINK.NOTE, note)
                .onConflictDoNothing()
                .execute();
    }

    private static String json(Map<String, ?> value) {
        try {
            return io.rootscope.backend.json.Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-serialisable: " + value, e);
        }
    }
}
