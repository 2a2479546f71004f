package io.rootscope.backend.rca;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.LOG_PATTERN;

import io.rootscope.analytics.logs.LogTemplate;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.EvidenceItem;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.backend.etl.write.DetailLocatorWriter;
import io.rootscope.backend.etl.write.LocatorSpec;
import io.rootscope.backend.incident.IncidentStore;
import io.rootscope.backend.rca.RcaService.RcaRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The evidence links of a stored diagnosis' log and trace findings ({@code Explanation.evidence}), for the evidence chain:
 * a log template finding links its {@code log_pattern} row (the row whose text is the finding's subject), an operation or a
 * call finding its service and subject, with the traces that show it as a {@code detail_locator} (a query of
 * {@code trace_span} by trace id over the diagnosed window). Every link's reference carries the run id, so the next
 * diagnosis of the incident replaces them. Metric findings are linked by the ranking's own metric links.
 */
final class FindingLinks {

    /** Candidates whose findings are linked: the chain explains the top of the ranking, not its tail. */
    static final int CANDIDATES = 5;
    /** Findings linked per candidate, strongest first. */
    static final int PER_CANDIDATE = 10;

    private FindingLinks() {
    }

    /** Links the findings of the top candidates; called in the transaction that stores run {@code runId}. */
    static void write(DSLContext t, RcaRequest request, UUID eventId, long runId, Diagnosis diagnosis) {
        Set<String> top = diagnosis.ranking().stream().limit(CANDIDATES).map(RankedService::service).collect(Collectors.toSet());
        Map<String, List<EvidenceItem>> byService = diagnosis.explanation().evidence().stream()
                .filter(item -> item.kind() != EvidenceItem.Kind.METRIC && top.contains(item.service()))
                .sorted((a, b) -> Double.compare(b.score(), a.score()))
                .collect(Collectors.groupingBy(EvidenceItem::service, LinkedHashMap::new, Collectors.toList()));
        if (byService.isEmpty()) {
            return;
        }
        Map<String, Long> resources = new HashMap<>();
        t.select(DIM_RESOURCE.URN, DIM_RESOURCE.RESOURCE_ID).from(DIM_RESOURCE)
                .where(DIM_RESOURCE.TENANT_ID.eq(request.tenantId())).and(DIM_RESOURCE.URN.in(byService.keySet()))
                .forEach(r -> resources.put(r.value1(), r.value2()));
        IncidentStore store = new IncidentStore(t);
        byService.forEach((service, items) -> items.stream().limit(PER_CANDIDATE).forEach(item -> {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("run_id", runId);
            ref.put("kind", item.kind().name());
            ref.put("subject", item.subject());
            Long resourceId = resources.get(service);
            if (resourceId != null) {
                ref.put("resource_id", resourceId);
            }
            if (item.kind() == EvidenceItem.Kind.LOG_TEMPLATE) {
                ref.put("table", "log_pattern");
                Long patternId = patternId(t, request.tenantId(), item.subject());
                if (patternId != null) {
                    ref.put("pattern_id", patternId);
                }
                store.link(eventId, "log", ref, null, item.score(), item.finding());
            } else {
                ref.put("table", "trace_span");
                store.link(eventId, "trace", ref, locator(t, request, service, item), item.score(), item.finding());
            }
        }));
    }

    /** The tenant's log_pattern row of a template text, found by its fingerprint (the unique key); null when none. */
    private static Long patternId(DSLContext t, long tenantId, String text) {
        return t.select(LOG_PATTERN.PATTERN_ID).from(LOG_PATTERN)
                .where(LOG_PATTERN.TENANT_ID.eq(tenantId))
                .and(LOG_PATTERN.FINGERPRINT.eq(LogTemplate.of(text).fingerprintHex()))
                .and(LOG_PATTERN.PATTERN.eq(text))
                .fetchOne(LOG_PATTERN.PATTERN_ID);
    }

    /** The traces of a finding as a locator over the diagnosed window; null when it names none. */
    private static Long locator(DSLContext t, RcaRequest request, String service, EvidenceItem item) {
        if (item.traceIds().isEmpty()) {
            return null;
        }
        String ids = item.traceIds().stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(", "));
        LocatorSpec spec = new LocatorSpec("postgres", "traces",
                "SELECT ts, trace_id, span_id, parent_span_id, operation, duration_us, error FROM rootscope.trace_span"
                        + " WHERE trace_id IN (" + ids + ") ORDER BY trace_id, ts",
                request.from(), request.to(),
                Map.of("trace_ids", item.traceIds(), "service", service, "subject", item.subject()));
        return new DetailLocatorWriter().upsert(t, request.tenantId(), spec);
    }
}
