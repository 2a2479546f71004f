package io.rootscope.backend.detection;

import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;

import io.rootscope.analytics.detection.IncidentKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Reads what earlier detection runs left in {@code event_envelope}, to resume from it. */
final class StoredIncidentReader {

    // Inlined keys: DISTINCT ON and ORDER BY must be the same expressions, which differing bind markers are not.
    private static final Field<String> RULE =
            DSL.jsonbGetAttributeAsText(EVENT_ENVELOPE.LABELS, DSL.inline(TransitionWriter.RULE_LABEL));
    private static final Field<String> GROUP =
            DSL.jsonbGetAttributeAsText(EVENT_ENVELOPE.LABELS, DSL.inline(TransitionWriter.GROUP_LABEL));

    private final DSLContext db;

    StoredIncidentReader(DSLContext db) {
        this.db = db;
    }

    /**
     * Per (rule, group) of the given rules, the latest detector incident that started before {@code before} and
     * was still open then: open now, or resolved at or after {@code before}.
     */
    List<StoredIncident> openAt(long tenantId, Collection<String> rules, Instant before) {
        OffsetDateTime at = before.atOffset(ZoneOffset.UTC);
        return db.select(RULE, GROUP, EVENT_ENVELOPE.STARTED_AT, EVENT_ENVELOPE.ENDED_AT)
                .distinctOn(RULE, GROUP)
                .from(EVENT_ENVELOPE)
                .where(EVENT_ENVELOPE.TENANT_ID.eq(tenantId))
                .and(EVENT_ENVELOPE.SOURCE.eq(TransitionWriter.SOURCE))
                .and(RULE.in(rules))
                .and(EVENT_ENVELOPE.STARTED_AT.lt(at))
                .orderBy(RULE, GROUP, EVENT_ENVELOPE.STARTED_AT.desc())
                .fetch(row -> new StoredIncident(new IncidentKey(row.value1(), row.value2()), row.value3().toInstant(),
                        Optional.ofNullable(row.value4()).map(OffsetDateTime::toInstant)))
                .stream()
                .filter(incident -> incident.endedAt().map(ended -> !ended.isBefore(before)).orElse(true))
                .toList();
    }
}
