package io.rootscope.backend.query;

import io.rootscope.backend.protocol.QueryRequest.AdhocFilter;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * What a query kind runs with: the tenant (code and id), the panel's time range and resolution, the dashboard's ad-hoc
 * filters, and read-only database connections: {@code db} for panel reads (on a standby, they see what this backend
 * wrote), {@code upToDate} for a diagnosis (they see everything the primary had committed when it started).
 */
public record QueryContext(String tenant, long tenantId, Instant from, Instant to, long intervalMs, int maxDataPoints,
                           List<AdhocFilter> filters, DSLContext db, DSLContext upToDate) {
}
