package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.LOG_PATTERN;
import static io.rootscope.backend.db.schema.Tables.LOG_PATTERN_5M;
import static io.rootscope.backend.query.Payloads.utc;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import io.rootscope.backend.query.ResourceFilters;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * {@code log_patterns}: log templates seen in the range with their counts and error counts, most frequent
 * first; optionally only patterns first seen in the range ("new") or matching a text (trigram index).
 */
public final class LogPatternsQuery implements QueryKind {

    public enum Severity { TRACE, DEBUG, INFO, WARN, ERROR, FATAL }

    static final int LIMIT = 500;

    /** A search term is a substring of a template, and templates are short (TelemetryIngestor's log message limits). */
    static final int SEARCH_MAX_LENGTH = 1024;

    record Payload(String resource, String severity, Boolean new_only, String search) {
    }

    @Override
    public String name() {
        return "log_patterns";
    }

    @Override
    public String label() {
        return "Log patterns";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return List.of(
                PayloadOption.input("resource", "Resource", "URN (optional)"),
                PayloadOption.select("severity", "Severity", Payloads.names(Severity.class)),
                PayloadOption.select("new_only", "Only new patterns", List.of("false", "true")),
                PayloadOption.input("search", "Text", "substring of the pattern"));
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        Payload payload = Json.convert(json, Payload.class, "payload");
        Condition condition = LOG_PATTERN_5M.TENANT_ID.eq(context.tenantId())
                .and(LOG_PATTERN_5M.BUCKET.ge(utc(context.from()))).and(LOG_PATTERN_5M.BUCKET.lt(utc(context.to())))
                .and(ResourceFilters.condition(context.filters()));
        if (payload.resource() != null && !payload.resource().isBlank()) {
            condition = condition.and(DIM_RESOURCE.URN.eq(payload.resource()));
        }
        if (payload.severity() != null) {
            condition = condition.and(LOG_PATTERN.SEVERITY.eq(Payloads.choice(payload.severity(), Severity.class, null, "severity").name()));
        }
        if (Boolean.TRUE.equals(payload.new_only())) {
            condition = condition.and(LOG_PATTERN.FIRST_SEEN.ge(utc(context.from())));
        }
        String search = Payloads.text(payload.search(), SEARCH_MAX_LENGTH, "search");
        if (search != null && !search.isBlank()) {
            condition = condition.and(LOG_PATTERN.PATTERN.containsIgnoreCase(search));
        }
        var count = DSL.sum(LOG_PATTERN_5M.COUNT_TOTAL).cast(Long.class);
        var errors = DSL.sum(LOG_PATTERN_5M.COUNT_ERROR).cast(Long.class);
        DataFrame.Builder frame = DataFrame.builder("log_patterns")
                .field("pattern", "string")
                .field("severity", "string")
                .field("count", "number")
                .field("errors", "number")
                .field("first_seen", "time")
                .field("last_seen", "time")
                .field("fingerprint", "string");
        context.db()
                .select(LOG_PATTERN.PATTERN, LOG_PATTERN.SEVERITY, count, errors, LOG_PATTERN.FIRST_SEEN, LOG_PATTERN.LAST_SEEN, LOG_PATTERN.FINGERPRINT)
                .from(LOG_PATTERN_5M)
                .join(LOG_PATTERN).on(LOG_PATTERN.PATTERN_ID.eq(LOG_PATTERN_5M.PATTERN_ID))
                .join(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(LOG_PATTERN_5M.RESOURCE_ID))
                .where(condition)
                .groupBy(LOG_PATTERN.PATTERN_ID)
                .orderBy(count.desc())
                .limit(LIMIT)
                .forEach(r -> frame.row(r.value1(), r.value2(), r.value3(), r.value4(), r.value5().toInstant().toEpochMilli(),
                        r.value6().toInstant().toEpochMilli(), r.value7()));
        return List.of(frame.build());
    }
}
