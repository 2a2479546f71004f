package io.rootscope.backend.rca;

import static io.rootscope.backend.db.schema.Tables.ANOMALY_PROFILE;
import static io.rootscope.backend.db.schema.Tables.ROOT_CAUSE_CONFIRMATION;

import io.rootscope.backend.refusal.InvalidInputException;
import io.rootscope.backend.refusal.NotFoundException;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Confirmed root causes (AutoMAP's learning, Ma et al., WWW 2020): each confirmation of an incident is kept
 * ({@code root_cause_confirmation}) and the latest one is its cause; it becomes the root cause of the incident's anomaly
 * profile (similar incidents show it) and, when the incident's stored diagnosis was made by a learning method, a lesson
 * of that method for the tenant ({@code learned_lesson}), which the tenant's next diagnoses recall.
 */
public final class RootCauseConfirmations {

    /** Where a confirmation came from ({@code root_cause_confirmation.source}). */
    public enum Source {
        API("api"), GRAFANA_ALERT("grafana_alert");

        private final String stored;

        Source(String stored) {
            this.stored = stored;
        }
    }

    /**
     * A confirmation to record.
     *
     * @param resourceField where the resource was named, for a refusal ({@code body.resource}, {@code alerts[0].labels.root_cause})
     */
    public record Confirmation(UUID eventId, String resourceUrn, String resourceField, String confirmedBy, String note,
                               Source source) {
    }

    /**
     * A recorded confirmation.
     *
     * @param learnedBy the learning method the lesson was stored for, empty when the confirmation taught nothing
     * @param learning  the version of that method's lessons for the tenant after it
     */
    public record Confirmed(long confirmationId, int confirmations, Optional<String> learnedBy, LearningVersion learning) {
    }

    private final DSLContext writer;
    private final RcaService rca;

    public RootCauseConfirmations(DSLContext writer, RcaService rca) {
        this.writer = writer;
        this.rca = rca;
    }

    /**
     * Records a confirmation of an incident of the tenant.
     *
     * @throws NotFoundException     for an incident the tenant does not have
     * @throws InvalidInputException for a resource the tenant does not have
     */
    public Confirmed confirm(long tenantId, Confirmation c) {
        if (IncidentLookup.find(writer, tenantId, c.eventId()).isEmpty()) {
            throw new NotFoundException("event_id", "no incident " + c.eventId() + " in this tenant");
        }
        long resourceId = resourceId(tenantId, c.resourceUrn(), c.resourceField());
        // Computed before the transaction: it loads the window and ranks it once per metric type.
        Optional<RcaService.Taught> taught = rca.lesson(tenantId, c.eventId(), c.resourceUrn());
        return writer.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            long id = t.insertInto(ROOT_CAUSE_CONFIRMATION)
                    .set(ROOT_CAUSE_CONFIRMATION.TENANT_ID, tenantId)
                    .set(ROOT_CAUSE_CONFIRMATION.EVENT_ID, c.eventId())
                    .set(ROOT_CAUSE_CONFIRMATION.RESOURCE_ID, resourceId)
                    .set(ROOT_CAUSE_CONFIRMATION.CONFIRMED_BY, c.confirmedBy())
                    .set(ROOT_CAUSE_CONFIRMATION.NOTE, c.note())
                    .set(ROOT_CAUSE_CONFIRMATION.SOURCE, c.source().stored)
                    .returningResult(ROOT_CAUSE_CONFIRMATION.CONFIRMATION_ID)
                    .fetchSingle(ROOT_CAUSE_CONFIRMATION.CONFIRMATION_ID);
            t.update(ANOMALY_PROFILE).set(ANOMALY_PROFILE.ROOT_CAUSE_RESOURCE_ID, resourceId)
                    .where(ANOMALY_PROFILE.EVENT_ID.eq(c.eventId())).execute();
            LessonStore lessons = new LessonStore(t);
            taught.ifPresentOrElse(l -> lessons.replace(tenantId, c.eventId(), id, l.method(), l.lesson()),
                    () -> lessons.forget(c.eventId()));
            int count = t.fetchCount(ROOT_CAUSE_CONFIRMATION, ROOT_CAUSE_CONFIRMATION.EVENT_ID.eq(c.eventId()));
            Optional<String> method = taught.map(RcaService.Taught::method);
            return new Confirmed(id, count, method,
                    method.map(m -> lessons.version(tenantId, m)).orElse(LearningVersion.NONE));
        });
    }

    /**
     * The tenant's resource of that URN.
     *
     * @throws InvalidInputException naming {@code field} when the tenant has none
     */
    public long resourceId(long tenantId, String urn, String field) {
        return new DiagnosisRunStore(writer).resourceId(tenantId, urn)
                .orElseThrow(() -> new InvalidInputException(field, "unknown resource '" + urn + "' in this tenant"));
    }
}
