package io.rootscope.backend.testing;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Incidents with a stored diagnosis of two causes, carts then orders, written as the backend stores them. */
public final class StoredDiagnoses {

    private StoredDiagnoses() {
    }

    /** A new tenant, its code {@code prefix} and a random suffix. */
    public static String newTenant(DataSource db, String prefix) throws SQLException {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Rows.execute(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + code + "', '" + prefix + " test')");
        return code;
    }

    /**
     * An incident of {@code tenantCode} on carts with a stored diagnosis ranking carts (its contributions {@code carts}),
     * then orders; {@code logTemplate}, when given, the log template the diagnosis found on carts.
     */
    public static UUID create(DataSource db, String tenantCode, String title, Instant start, String carts, String orders, String logTemplate)
            throws SQLException {
        String t = Rows.single(db, "SELECT tenant_id FROM dim_tenant WHERE code = '" + tenantCode + "'");
        Rows.execute(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES
                  (%1$s, 'urn:k8s:svc:shop/carts', 'service', 'carts'), (%1$s, 'urn:k8s:svc:shop/orders', 'service', 'orders')
                ON CONFLICT DO NOTHING""".formatted(t));
        UUID incident = UUID.fromString(Rows.single(db, """
                INSERT INTO event_envelope (tenant_id, resource_id, dedup_key, source, kind, severity, status, title, started_at)
                SELECT %s, resource_id, '%s', 'test', 'anomaly', 'ERROR', 'open', '%s', '%s'
                  FROM dim_resource WHERE urn = 'urn:k8s:svc:shop/carts' AND tenant_id = %1$s RETURNING event_id"""
                .formatted(t, UUID.randomUUID(), title.replace("'", "''"), start)));
        String runId = Rows.single(db, """
                INSERT INTO rca_run (tenant_id, event_id, method, frontend_resource_id, window_from, window_to, input_hash, status)
                SELECT %1$s, '%2$s', 'multimodal', resource_id, '%3$s'::timestamptz - interval '30 minutes', '%3$s'::timestamptz + interval '5 minutes',
                       '%2$s', 'succeeded' FROM dim_resource WHERE urn = 'urn:k8s:svc:shop/orders' AND tenant_id = %1$s RETURNING run_id"""
                .formatted(t, incident, start));
        Rows.execute(db, """
                INSERT INTO rca_candidate (run_id, rank, resource_id, score, contributions)
                SELECT %1$s, c.rank, r.resource_id, c.score, c.contributions::jsonb
                  FROM (VALUES (1, 'urn:k8s:svc:shop/carts', 0.8, '%2$s'), (2, 'urn:k8s:svc:shop/orders', 0.2, '%3$s')) AS c (rank, urn, score, contributions)
                  JOIN dim_resource r ON r.urn = c.urn AND r.tenant_id = %4$s""".formatted(runId, carts, orders, t));
        if (logTemplate != null) {
            Rows.execute(db, """
                    INSERT INTO evidence_link (event_id, dim, ref_pg, score, note)
                    SELECT '%1$s', 'log', jsonb_build_object('table', 'log_pattern', 'run_id', %2$s, 'kind', 'LOG_TEMPLATE',
                           'subject', '%3$s', 'resource_id', resource_id), 0.9, 'new ERROR template'
                      FROM dim_resource WHERE urn = 'urn:k8s:svc:shop/carts' AND tenant_id = %4$s""".formatted(incident, runId, logTemplate, t));
        }
        return incident;
    }
}
