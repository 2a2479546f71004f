package io.rootscope.backend.rca;

import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;
import static io.rootscope.backend.db.schema.Tables.RCA_OUTBOX;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.backend.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * The transactional outbox of finished incident diagnoses ({@code rca_outbox}): {@link #add} writes a diagnosis'
 * gala-anteater root-cause message in the transaction that stores the diagnosis, so a message exists exactly when its
 * diagnosis was committed; a publisher reads the {@link #unsent} rows in order and {@link #markSent marks} them once the
 * broker acknowledged them, in one transaction that holds the publisher's lease (one replica publishes at a time).
 */
public final class DiagnosisOutbox {

    /** How long a sent message is kept (for inspection) before it is deleted. */
    public static final Duration SENT_KEPT = Duration.ofDays(1);

    /** An outbox row: its id, the message's key and its JSON. */
    public record Message(long outboxId, String key, String payload) {
    }

    private final DSLContext db;

    public DiagnosisOutbox(DSLContext db) {
        this.db = db;
    }

    /** Writes the message of run {@code runId} through {@code t}, the transaction that stores the run. */
    static void add(DSLContext t, long tenantId, UUID eventId, String frontendUrn, long runId, Diagnosis diagnosis) {
        var incident = t.select(EVENT_ENVELOPE.TITLE, EVENT_ENVELOPE.SEVERITY, EVENT_ENVELOPE.LABELS).from(EVENT_ENVELOPE)
                .where(EVENT_ENVELOPE.EVENT_ID.eq(eventId)).fetchSingle();
        Map<String, Object> labels = incident.value3() == null ? Map.of() : Json.MAPPER.convertValue(
                Json.read(incident.value3().data(), JsonNode.class, "event_envelope.labels"), new TypeReference<Map<String, Object>>() { });
        CauseInferenceMessage.Incident about = new CauseInferenceMessage.Incident(eventId, incident.value1(), incident.value2(), labels);
        t.insertInto(RCA_OUTBOX)
                .set(RCA_OUTBOX.TENANT_ID, tenantId)
                .set(RCA_OUTBOX.RUN_ID, runId)
                .set(RCA_OUTBOX.MESSAGE_KEY, CauseInferenceMessage.eventId(about))
                .set(RCA_OUTBOX.PAYLOAD, JSONB.valueOf(RcaService.json(CauseInferenceMessage.of(about, frontendUrn, diagnosis, Instant.now()))))
                .execute();
    }

    /** Up to {@code limit} messages not yet sent, oldest first. */
    public List<Message> unsent(int limit) {
        return db.select(RCA_OUTBOX.OUTBOX_ID, RCA_OUTBOX.MESSAGE_KEY, RCA_OUTBOX.PAYLOAD).from(RCA_OUTBOX)
                .where(RCA_OUTBOX.SENT_AT.isNull()).orderBy(RCA_OUTBOX.OUTBOX_ID).limit(limit)
                .fetch(r -> new Message(r.value1(), r.value2(), r.value3().data()));
    }

    /**
     * Marks the messages sent, and deletes those sent more than {@link #SENT_KEPT} ago, on the context's transaction (the
     * publisher's, which holds its lease).
     */
    public void markSent(List<Long> outboxIds) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.update(RCA_OUTBOX).set(RCA_OUTBOX.SENT_AT, now).where(RCA_OUTBOX.OUTBOX_ID.in(outboxIds)).execute();
        db.deleteFrom(RCA_OUTBOX).where(RCA_OUTBOX.SENT_AT.lt(now.minus(SENT_KEPT))).execute();
    }
}
