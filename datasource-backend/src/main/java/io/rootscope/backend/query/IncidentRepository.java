package io.rootscope.backend.query;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;
import static io.rootscope.backend.db.schema.Tables.RCA_CANDIDATE;
import static io.rootscope.backend.db.schema.Tables.RCA_RUN;
import static io.rootscope.backend.query.Payloads.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Incidents (events) overlapping a panel's time range, with the top root cause of their latest diagnosis. */
public final class IncidentRepository {

    public enum Status { OPEN, RESOLVED, ALL }

    public record Incident(UUID eventId, Instant startedAt, Instant endedAt, String title, String summary, String severity,
                           String status, String resource, String kind, String source, String topCause) {
    }

    private static final int LIMIT = 5000;

    private IncidentRepository() {
    }

    public static List<Incident> inRange(QueryContext context, Status status, String resourceUrn) {
        Condition condition = EVENT_ENVELOPE.TENANT_ID.eq(context.tenantId())
                .and(EVENT_ENVELOPE.STARTED_AT.lt(utc(context.to())))
                .and(EVENT_ENVELOPE.ENDED_AT.isNull().or(EVENT_ENVELOPE.ENDED_AT.ge(utc(context.from()))));
        if (status != Status.ALL) {
            condition = condition.and(EVENT_ENVELOPE.STATUS.eq(status.name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (resourceUrn != null && !resourceUrn.isBlank()) {
            condition = condition.and(DIM_RESOURCE.URN.eq(resourceUrn));
        }
        List<String> severities = ResourceFilters.severities(context.filters());
        if (!severities.isEmpty()) {
            condition = condition.and(EVENT_ENVELOPE.SEVERITY.in(severities));
        }
        boolean filtersResources = context.filters().stream().anyMatch(f -> !"severity".equals(f.key()));
        if (filtersResources) {
            condition = condition.and(ResourceFilters.condition(context.filters()));
        }
        return context.db()
                .select(EVENT_ENVELOPE.EVENT_ID, EVENT_ENVELOPE.STARTED_AT, EVENT_ENVELOPE.ENDED_AT, EVENT_ENVELOPE.TITLE,
                        EVENT_ENVELOPE.SUMMARY, EVENT_ENVELOPE.SEVERITY, EVENT_ENVELOPE.STATUS, DIM_RESOURCE.URN,
                        EVENT_ENVELOPE.KIND, EVENT_ENVELOPE.SOURCE, topCause())
                .from(EVENT_ENVELOPE)
                .leftJoin(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(EVENT_ENVELOPE.RESOURCE_ID))
                .where(condition)
                .orderBy(EVENT_ENVELOPE.STARTED_AT.desc())
                .limit(LIMIT)
                .fetch(r -> new Incident(r.value1(), r.value2().toInstant(), instant(r.value3()), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11()));
    }

    /** The rank-1 resource of the event's latest successful diagnosis. */
    private static Field<String> topCause() {
        var cause = DIM_RESOURCE.as("cause");
        return DSL.field(DSL.select(cause.URN)
                .from(RCA_RUN)
                .join(RCA_CANDIDATE).on(RCA_CANDIDATE.RUN_ID.eq(RCA_RUN.RUN_ID).and(RCA_CANDIDATE.RANK.eq(1)))
                .join(cause).on(cause.RESOURCE_ID.eq(RCA_CANDIDATE.RESOURCE_ID))
                .where(RCA_RUN.EVENT_ID.eq(EVENT_ENVELOPE.EVENT_ID)).and(RCA_RUN.STATUS.eq("succeeded"))
                .orderBy(RCA_RUN.CREATED_AT.desc(), RCA_RUN.RUN_ID.desc())
                .limit(1)).as("top_cause");
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
