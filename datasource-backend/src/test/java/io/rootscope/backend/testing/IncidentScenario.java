package io.rootscope.backend.testing;

import io.rootscope.backend.graph.GraphRelation;
import io.rootscope.backend.graph.OpsGraphWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A small, fully known incident in its own tenant ("scenario"): a shop whose payment service slowed down.
 * front-end → orders → {payment, carts}; orders runs on node-1. Payment's p95 and errors rise during the incident;
 * an earlier, resolved incident had the same profile; the edge orders → carts vanished an hour before the incident.
 */
public final class IncidentScenario {

    public static final String TENANT = "scenario";
    public static final String FRONT_END = "urn:k8s:svc:shop/front-end";
    public static final String ORDERS = "urn:k8s:svc:shop/orders";
    public static final String PAYMENT = "urn:k8s:svc:shop/payment";
    public static final String CARTS = "urn:k8s:svc:shop/carts";
    public static final String NODE = "urn:host:node-1";

    public final Instant incidentStart;
    public final UUID incident;
    public final UUID pastIncident;
    public final UUID unrelatedIncident;
    public final long tenantId;

    private static IncidentScenario seeded;
    private static SQLException seedingFailure;

    private IncidentScenario(DataSource db) throws SQLException {
        incidentStart = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        tenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('scenario', 'Scenario') RETURNING tenant_id"));
        String t = String.valueOf(tenantId);
        Rows.execute(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name, labels) VALUES
                  (%1$s, '%2$s', 'service', 'front-end', '{"namespace":"shop"}'), (%1$s, '%3$s', 'service', 'orders', '{"namespace":"shop"}'),
                  (%1$s, '%4$s', 'service', 'payment', '{"namespace":"shop"}'), (%1$s, '%5$s', 'service', 'carts', '{"namespace":"shop"}'),
                  (%1$s, '%6$s', 'host', 'node-1', '{}')""".formatted(t, FRONT_END, ORDERS, PAYMENT, CARTS, NODE));
        // Call statistics: 6 buckets of 5 minutes before and during the incident.
        Rows.execute(db, """
                INSERT INTO service_call_5m (bucket, tenant_id, src_resource_id, dst_resource_id, call_count, rps, err_rate, p50_ms, p95_ms)
                SELECT '%1$s'::timestamptz + b * interval '5 minutes', %2$s, s.resource_id, d.resource_id, 300, 1.0, e.err, e.p50, e.p95
                  FROM generate_series(0, 5) AS b,
                       (VALUES ('%3$s', '%4$s', 0.00, 20.0, 40.0), ('%4$s', '%5$s', 0.10, 200.0, 900.0), ('%4$s', '%6$s', 0.01, 10.0, 30.0))
                         AS e (src, dst, err, p50, p95)
                  JOIN dim_resource s ON s.urn = e.src AND s.tenant_id = %2$s
                  JOIN dim_resource d ON d.urn = e.dst AND d.tenant_id = %2$s""".formatted(incidentStart, t, FRONT_END, ORDERS, PAYMENT, CARTS));
        // Topology over time: orders → carts ended an hour before the incident.
        Rows.execute(db, """
                INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source)
                SELECT %1$s, s.resource_id, d.resource_id, e.relation, tstzrange(e.valid_from::timestamptz, e.valid_to::timestamptz), 'test'
                  FROM (VALUES ('%2$s', '%3$s', 'CALLS', '%6$s', NULL), ('%3$s', '%4$s', 'CALLS', '%6$s', NULL),
                               ('%3$s', '%5$s', 'CALLS', '%6$s', '%7$s'), ('%3$s', '%8$s', 'RUNS_ON', '%6$s', NULL))
                         AS e (src, dst, relation, valid_from, valid_to)
                  JOIN dim_resource s ON s.urn = e.src AND s.tenant_id = %1$s
                  JOIN dim_resource d ON d.urn = e.dst AND d.tenant_id = %1$s""".formatted(t, FRONT_END, ORDERS, PAYMENT, CARTS,
                incidentStart.minus(1, ChronoUnit.DAYS), incidentStart.minus(1, ChronoUnit.HOURS), NODE));
        try (Connection connection = db.getConnection()) {
            OpsGraphWriter graph = new OpsGraphWriter(connection);
            for (String urn : new String[] {FRONT_END, ORDERS, PAYMENT, CARTS}) {
                graph.upsertResource(tenantId, urn, "service", urn.substring(urn.lastIndexOf('/') + 1));
            }
            graph.upsertResource(tenantId, NODE, "host", "node-1");
            graph.upsertEdge(tenantId, GraphRelation.CALLS, FRONT_END, ORDERS, Map.of("rps", 1.0, "err_rate", 0.0));
            graph.upsertEdge(tenantId, GraphRelation.CALLS, ORDERS, PAYMENT, Map.of("rps", 1.0, "err_rate", 0.1));
            graph.upsertEdge(tenantId, GraphRelation.RUNS_ON, ORDERS, NODE, Map.of());
        }
        incident = event(db, "payment-slow-now", "Checkout latency SLO violated", incidentStart, null, FRONT_END);
        pastIncident = event(db, "payment-slow-last-week", "Checkout latency SLO violated (last week)",
                incidentStart.minus(7, ChronoUnit.DAYS), incidentStart.minus(7, ChronoUnit.DAYS).plus(30, ChronoUnit.MINUTES), FRONT_END);
        unrelatedIncident = event(db, "carts-memory", "Carts memory leak",
                incidentStart.minus(3, ChronoUnit.DAYS), incidentStart.minus(3, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS), CARTS);
        profile(db, incident, 1.0, null);
        profile(db, pastIncident, 0.9, PAYMENT);
        profile(db, unrelatedIncident, -1.0, CARTS);
        Rows.execute(db, """
                INSERT INTO log_pattern (tenant_id, fingerprint, pattern, sample_message, severity, first_seen, last_seen) VALUES
                  (%1$s, 'f-timeout', 'payment gateway timeout after <*> ms', 'payment gateway timeout after 900 ms', 'ERROR', '%2$s', '%2$s'::timestamptz + interval '25 minutes'),
                  (%1$s, 'f-ok', 'order <*> placed', 'order 42 placed', 'INFO', '%3$s', '%2$s'::timestamptz + interval '25 minutes')"""
                .formatted(t, incidentStart, incidentStart.minus(2, ChronoUnit.DAYS)));
        Rows.execute(db, """
                INSERT INTO log_pattern_5m (bucket, tenant_id, resource_id, pattern_id, count_total, count_error)
                SELECT '%1$s'::timestamptz + b * interval '5 minutes', %2$s, r.resource_id, p.pattern_id,
                       CASE p.fingerprint WHEN 'f-ok' THEN 100 ELSE 7 END, CASE p.fingerprint WHEN 'f-ok' THEN 0 ELSE 7 END
                  FROM generate_series(0, 5) AS b, log_pattern p, dim_resource r
                 WHERE p.tenant_id = %2$s AND r.urn = '%3$s' AND r.tenant_id = %2$s""".formatted(incidentStart, t, PAYMENT));
        long runId = Long.parseLong(Rows.single(db, """
                INSERT INTO rca_run (tenant_id, event_id, method, frontend_resource_id, window_from, window_to, input_hash, status)
                SELECT %1$s, '%2$s', 'automap', resource_id, '%3$s'::timestamptz - interval '30 minutes', '%3$s'::timestamptz + interval '30 minutes',
                       'scenario-run', 'succeeded' FROM dim_resource WHERE urn = '%4$s' AND tenant_id = %1$s RETURNING run_id"""
                .formatted(t, incident, incidentStart, FRONT_END)));
        Rows.execute(db, """
                INSERT INTO rca_candidate (run_id, rank, resource_id, score, contributions)
                SELECT %1$s, c.rank, r.resource_id, c.score, '{"latency": 0.8}'::jsonb
                  FROM (VALUES (1, '%2$s', 0.61), (2, '%3$s', 0.24), (3, '%4$s', 0.15)) AS c (rank, urn, score)
                  JOIN dim_resource r ON r.urn = c.urn AND r.tenant_id = %5$s""".formatted(runId, PAYMENT, ORDERS, CARTS, t));
        Rows.execute(db, """
                INSERT INTO detail_locator (tenant_id, backend, dataset, query, t_from, t_to)
                VALUES (%1$s, 'prometheus', 'metrics', 'rate(istio_requests_total{destination_workload="payment"}[1m])', '%2$s', '%2$s'::timestamptz + interval '30 minutes')"""
                .formatted(t, incidentStart));
        Rows.execute(db, """
                INSERT INTO evidence_link (event_id, dim, ref_pg, locator_id, score, note)
                SELECT '%1$s'::uuid, 'rca', jsonb_build_object('table', 'rca_run', 'run_id', %2$s), NULL::bigint, 1.0, 'AutoMAP ranking'
                UNION ALL
                SELECT '%1$s'::uuid, 'log', jsonb_build_object('table', 'log_pattern', 'pattern_id', pattern_id), NULL::bigint, 0.8, 'new error pattern'
                  FROM log_pattern WHERE fingerprint = 'f-timeout' AND tenant_id = %3$s
                UNION ALL
                SELECT '%1$s'::uuid, 'metric', NULL, locator_id, 0.7, 'payment request rate'
                  FROM detail_locator WHERE tenant_id = %3$s""".formatted(incident, runId, t));
    }

    /** Seeds once per test JVM into the shared database. */
    public static synchronized IncidentScenario seeded() throws SQLException {
        // A failed seeding is not retried: its rows are half there, and every user should see the first cause.
        if (seedingFailure != null) {
            throw seedingFailure;
        }
        if (seeded == null) {
            try {
                seeded = new IncidentScenario(TestDatabase.shared().dataSource());
            } catch (SQLException e) {
                seedingFailure = e;
                throw e;
            }
        }
        return seeded;
    }

    private UUID event(DataSource db, String key, String title, Instant start, Instant end, String resource) throws SQLException {
        return UUID.fromString(Rows.single(db, """
                INSERT INTO event_envelope (tenant_id, resource_id, dedup_key, source, kind, severity, status, title, summary, started_at, ended_at)
                SELECT %s, resource_id, '%s', 'test', 'slo_violation', 'ERROR', %s, '%s', 'p95 latency above 500 ms', '%s', %s
                  FROM dim_resource WHERE urn = '%s' AND tenant_id = %s RETURNING event_id"""
                .formatted(tenantId, key, end == null ? "'open'" : "'resolved'", title, start, end == null ? "NULL" : "'" + end + "'",
                        resource, tenantId)));
    }

    /** A 64-dimensional profile pointing mostly along the first axis, scaled by {@code direction}. */
    private void profile(DataSource db, UUID event, double direction, String rootCause) throws SQLException {
        StringBuilder vector = new StringBuilder("[").append(direction);
        for (int i = 1; i < 64; i++) {
            vector.append(',').append(i == 1 ? 0.1 : 0);
        }
        vector.append(']');
        Rows.execute(db, """
                INSERT INTO anomaly_profile (tenant_id, event_id, profile, root_cause_resource_id)
                VALUES (%s, '%s', '%s', (SELECT resource_id FROM dim_resource WHERE urn = %s AND tenant_id = %s))"""
                .formatted(tenantId, event, vector, rootCause == null ? "NULL" : "'" + rootCause + "'", tenantId));
    }
}
