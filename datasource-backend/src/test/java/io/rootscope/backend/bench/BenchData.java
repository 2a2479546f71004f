package io.rootscope.backend.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.util.PGobject;

/**
 * The benchmark's data set in its own tenant {@value #TENANT}, seeded with set-based SQL (generate_series):
 * <ul>
 *   <li>10,000 resources: {@value #SERVICES} services, {@value #PODS} pods, {@value #HOSTS} hosts and the rest network devices;</li>
 *   <li>raw metrics of every service, 7 metric types at 15 s for {@link #DATA_SPAN} (metric_sample), with their minute
 *       rollups (metric_1m); from {@link #anomalyStart} service {@link #CULPRIT} saturates (cpu, congestion, latency,
 *       availability) and the latency of every service calling it, directly or not, rises;</li>
 *   <li>100,000 edges in topo_edge_time: CALLS among services (a DAG rooted at svc-00), RUNS_ON from services and pods to
 *       hosts, CONNECTS_TO from hosts to devices and among devices; pods' earlier placements and flapping device links as
 *       closed intervals. The open edges are also the edges of the AGE graph {@code ops};</li>
 *   <li>{@value #INCIDENTS} incidents with {@value #LINKS_PER_INCIDENT} evidence links each (metric, topology, related
 *       event and locator links).</li>
 * </ul>
 */
final class BenchData {

    static final String TENANT = "bench";
    static final int SERVICES = 50;
    static final int PODS = 3000;
    static final int HOSTS = 1000;
    static final int RESOURCES = 10_000;
    static final int DEVICES = RESOURCES - SERVICES - PODS - HOSTS;
    static final int EDGES = 100_000;
    static final int INCIDENTS = 20;
    static final int LINKS_PER_INCIDENT = 40;
    static final List<String> METRICS = List.of("latency", "throughput", "congestion", "cpu", "io", "memory", "availability");
    /** 60 minutes of diagnosis window plus room to slide it, so that every window is a different diagnosis. */
    static final Duration DATA_SPAN = Duration.ofMinutes(75);
    static final Duration SAMPLE_STEP = Duration.ofSeconds(15);
    static final int CULPRIT = 17;
    /** Services a service calls: i → i+1, i+2, i+5, so every service below the culprit reaches it. */
    static final int[] CALL_OFFSETS = {1, 2, 5};

    final long tenantId;
    final Instant start;
    final Instant end;
    final Instant anomalyStart;
    final List<UUID> incidents = new ArrayList<>();
    /** Rows per table after seeding, for the report. */
    final Map<String, Long> counts = new LinkedHashMap<>();
    final long graphVertices;
    final long graphEdges;

    static String service(int index) {
        return "urn:k8s:svc:bench/svc-%02d".formatted(index);
    }

    static String host(int index) {
        return "urn:host:bench-host-%04d".formatted(index);
    }

    static String device(int index) {
        return "urn:net:bench-dev-%04d".formatted(index);
    }

    BenchData(DataSource db) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        start = now.minus(DATA_SPAN);
        end = now;
        anomalyStart = start.plus(Duration.ofMinutes(55));
        try (Connection c = db.getConnection()) {
            tenantId = Long.parseLong(single(c, "INSERT INTO dim_tenant (code, name) VALUES ('" + TENANT + "', 'Benchmark') RETURNING tenant_id"));
            resources(c);
            metrics(c);
            edges(c);
            graphVertices = graphVertices(c);
            graphEdges = graphEdges(c);
            incidents(c);
            // Settled data, as autovacuum leaves it: statistics, and visibility maps for index-only scans.
            execute(c, "VACUUM ANALYZE dim_resource, metric_sample, metric_1m, topo_edge_time, event_envelope, evidence_link, detail_locator");
            for (String table : List.of("dim_resource", "metric_sample", "metric_1m", "topo_edge_time", "event_envelope", "evidence_link",
                    "detail_locator")) {
                counts.put(table, Long.parseLong(single(c, "SELECT count(*) FROM " + table + " WHERE " + (table.equals("evidence_link")
                        ? "event_id IN (SELECT event_id FROM event_envelope WHERE tenant_id = " + tenantId + ")" : "tenant_id = " + tenantId))));
            }
        }
    }

    private void resources(Connection c) throws SQLException {
        execute(c, """
                INSERT INTO dim_resource (tenant_id, urn, type, name, labels)
                SELECT %1$s, format('urn:k8s:svc:bench/svc-%%s', lpad(s::text, 2, '0')), 'service', format('svc-%%s', lpad(s::text, 2, '0')),
                       '{"namespace":"bench"}'::jsonb
                  FROM generate_series(0, %2$s - 1) AS s
                UNION ALL
                SELECT %1$s, format('urn:k8s:pod:bench/svc-%%s-%%s', lpad((p %% %2$s)::text, 2, '0'), p / %2$s), 'pod',
                       format('svc-%%s-%%s', lpad((p %% %2$s)::text, 2, '0'), p / %2$s), '{"namespace":"bench"}'::jsonb
                  FROM generate_series(0, %3$s - 1) AS p
                UNION ALL
                SELECT %1$s, format('urn:host:bench-host-%%s', lpad(h::text, 4, '0')), 'host', format('bench-host-%%s', lpad(h::text, 4, '0')),
                       jsonb_build_object('zone', 'zone-' || h %% 3)
                  FROM generate_series(0, %4$s - 1) AS h
                UNION ALL
                SELECT %1$s, format('urn:net:bench-dev-%%s', lpad(d::text, 4, '0')), 'device', format('bench-dev-%%s', lpad(d::text, 4, '0')), '{}'
                  FROM generate_series(0, %5$s - 1) AS d""".formatted(tenantId, SERVICES, PODS, HOSTS, DEVICES));
    }

    /** Raw samples (s: service index, i: sample index, a: 1 once the anomaly started), then their minute rollups. */
    private void metrics(Connection c) throws SQLException {
        long samples = DATA_SPAN.dividedBy(SAMPLE_STEP);
        long anomalyIndex = Duration.between(start, anomalyStart).dividedBy(SAMPLE_STEP);
        execute(c, """
                INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value)
                SELECT '%1$s'::timestamptz + i * interval '15 seconds', %2$s, r.resource_id, m.metric,
                       CASE m.metric
                         WHEN 'latency' THEN 50 + s + 2 * sin(i * 1.3 + 2 * s)
                                             + a * CASE WHEN s = %5$s THEN 400 WHEN s < %5$s THEN 150 ELSE 0 END
                         WHEN 'throughput' THEN 20 + sin(i * 0.5 + s) - CASE WHEN s <= %5$s THEN 3 * a ELSE 0 END
                         WHEN 'congestion' THEN 0.1 + 0.01 * sin(i * 0.9 + s) + CASE WHEN s = %5$s THEN 0.3 * a ELSE 0 END
                         WHEN 'cpu' THEN 0.2 + 0.02 * sin(i * 0.7 + s) + CASE WHEN s = %5$s THEN 0.7 * a ELSE 0 END
                         WHEN 'io' THEN 5 + sin(i * 0.4 + s)
                         WHEN 'memory' THEN 1e8 * (1 + s %% 5) + 1e6 * sin(i * 0.3 + s)
                         ELSE 1 - 0.001 * abs(sin(i * 0.2 + s)) - CASE WHEN s = %5$s THEN 0.05 * a ELSE 0 END
                       END
                  FROM generate_series(0, %3$s - 1) AS i,
                       LATERAL (SELECT CASE WHEN i >= %4$s THEN 1 ELSE 0 END AS a) anomalous,
                       (SELECT resource_id, substr(name, 5)::int AS s FROM dim_resource WHERE tenant_id = %2$s AND type = 'service') r,
                       unnest(ARRAY['latency', 'throughput', 'congestion', 'cpu', 'io', 'memory', 'availability']) AS m (metric)"""
                .formatted(start, tenantId, samples, anomalyIndex, CULPRIT));
        execute(c, """
                INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                SELECT date_trunc('minute', ts), tenant_id, resource_id, metric, avg(value), max(value),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY value), count(*)
                  FROM metric_sample WHERE tenant_id = %s
                 GROUP BY 1, 2, 3, 4""".formatted(tenantId));
    }

    /**
     * The edges, open ones first. Services run on three hosts each, pods on one host each (with four earlier placements of
     * six hours, closed); hosts connect to two devices; device d connects to d+1 … d+12 (a dense fabric), and the first
     * links flapped a day ago (closed intervals) — as many as make {@value #EDGES} edges in all.
     */
    private void edges(Connection c) throws SQLException {
        execute(c, "CREATE TEMPORARY TABLE bench_edge (src text, dst text, relation text, props jsonb) ON COMMIT PRESERVE ROWS");
        execute(c, """
                INSERT INTO bench_edge
                SELECT format('urn:k8s:svc:bench/svc-%%s', lpad(s::text, 2, '0')), format('urn:k8s:svc:bench/svc-%%s', lpad((s + o)::text, 2, '0')),
                       'CALLS', jsonb_build_object('rps', round((10 + s %% 7)::numeric, 1), 'err_rate', 0.001 * o)
                  FROM generate_series(0, %1$s - 1) AS s, unnest(ARRAY[%2$s]) AS o WHERE s + o < %1$s
                UNION ALL
                SELECT format('urn:k8s:svc:bench/svc-%%s', lpad(s::text, 2, '0')), format('urn:host:bench-host-%%s', lpad(((s * 3 + k) %% %4$s)::text, 4, '0')),
                       'RUNS_ON', '{}'::jsonb
                  FROM generate_series(0, %1$s - 1) AS s, generate_series(0, 2) AS k
                UNION ALL
                SELECT format('urn:k8s:pod:bench/svc-%%s-%%s', lpad((p %% %1$s)::text, 2, '0'), p / %1$s),
                       format('urn:host:bench-host-%%s', lpad((p %% %4$s)::text, 4, '0')), 'RUNS_ON', '{}'::jsonb
                  FROM generate_series(0, %3$s - 1) AS p
                UNION ALL
                SELECT format('urn:host:bench-host-%%s', lpad(h::text, 4, '0')), format('urn:net:bench-dev-%%s', lpad(((h * 2 + k) %% %5$s)::text, 4, '0')),
                       'CONNECTS_TO', '{}'::jsonb
                  FROM generate_series(0, %4$s - 1) AS h, generate_series(0, 1) AS k
                UNION ALL
                SELECT format('urn:net:bench-dev-%%s', lpad(d::text, 4, '0')), format('urn:net:bench-dev-%%s', lpad(((d + k) %% %5$s)::text, 4, '0')),
                       'CONNECTS_TO', '{}'::jsonb
                  FROM generate_series(0, %5$s - 1) AS d, generate_series(1, 12) AS k"""
                .formatted(SERVICES, String.join(", ", java.util.Arrays.stream(CALL_OFFSETS).mapToObj(String::valueOf).toList()),
                        PODS, HOSTS, DEVICES));
        String resolve = """
                JOIN dim_resource s ON s.tenant_id = %1$s AND s.urn = e.src
                JOIN dim_resource d ON d.tenant_id = %1$s AND d.urn = e.dst""".formatted(tenantId);
        execute(c, """
                INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source, props)
                SELECT %1$s, s.resource_id, d.resource_id, e.relation, tstzrange('%2$s'::timestamptz - interval '30 days', NULL), 'bench', e.props
                  FROM bench_edge e %3$s""".formatted(tenantId, start, resolve));
        // Earlier placements of pods: four closed intervals of six hours on other hosts, before the current one.
        execute(c, """
                INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source)
                SELECT %1$s, s.resource_id, h.resource_id, 'RUNS_ON',
                       tstzrange('%2$s'::timestamptz - interval '30 days' - k * interval '6 hours',
                                 '%2$s'::timestamptz - interval '30 days' - (k - 1) * interval '6 hours'), 'bench'
                  FROM dim_resource s, generate_series(1, 4) AS k,
                       LATERAL (SELECT resource_id FROM dim_resource
                                 WHERE tenant_id = %1$s AND urn = format('urn:host:bench-host-%%s', lpad(((s.resource_id + 7 * k) %% %3$s)::text, 4, '0'))) h
                 WHERE s.tenant_id = %1$s AND s.type = 'pod'""".formatted(tenantId, start, HOSTS));
        long present = Long.parseLong(single(c, "SELECT count(*) FROM topo_edge_time WHERE tenant_id = " + tenantId));
        // Flapped device links: an earlier closed interval of the first links, as many as complete the edge count.
        execute(c, """
                INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source)
                SELECT tenant_id, src_resource_id, dst_resource_id, relation,
                       tstzrange('%2$s'::timestamptz - interval '32 days', '%2$s'::timestamptz - interval '31 days'), 'bench'
                  FROM topo_edge_time
                 WHERE tenant_id = %1$s AND relation = 'CONNECTS_TO' AND upper_inf(valid)
                 ORDER BY edge_id LIMIT %3$s""".formatted(tenantId, start, EDGES - present));
        graph(c);
    }

    /**
     * The open edges into the AGE graph. Vertices: one {@code UNWIND $rows AS row CREATE} into the empty graph (correct on
     * AGE 1.5.0~rc0, unlike MERGE inside UNWIND). Edges: a set-based INSERT into the label tables, each end resolved from
     * the vertex's urn — matching 76k endpoint pairs in Cypher one by one would take minutes.
     */
    private void graph(Connection c) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = c.createStatement();
             ResultSet resultSet = statement.executeQuery("SELECT urn, type, name FROM dim_resource WHERE tenant_id = " + tenantId)) {
            while (resultSet.next()) {
                rows.add(Map.of("urn", resultSet.getString(1), "type", resultSet.getString(2), "name", resultSet.getString(3)));
            }
        }
        PGobject params = new PGobject();
        params.setType("ag_catalog.agtype");
        try {
            params.setValue(io.rootscope.backend.json.Json.MAPPER.writeValueAsString(Map.of("tenant", tenantId, "rows", rows)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement statement = c.prepareStatement("""
                SELECT * FROM ag_catalog.cypher('ops', $$
                    UNWIND $rows AS row
                    CREATE (:Resource {tenant: $tenant, urn: row.urn, type: row.type, name: row.name})
                $$, ?) AS (n ag_catalog.agtype)""")) {
            statement.setObject(1, params);
            statement.execute();
        }
        execute(c, """
                CREATE TEMPORARY TABLE bench_vertex ON COMMIT PRESERVE ROWS AS
                SELECT id, (ag_catalog.agtype_out(properties)::text::jsonb) ->> 'urn' AS urn FROM ops."Resource"
                 WHERE ((ag_catalog.agtype_out(properties)::text::jsonb) ->> 'tenant')::bigint = %s""".formatted(tenantId));
        execute(c, "CREATE INDEX ON bench_vertex (urn)");
        for (String relation : List.of("CALLS", "RUNS_ON", "CONNECTS_TO")) {
            execute(c, """
                    INSERT INTO ops."%1$s" (start_id, end_id, properties)
                    SELECT s.id, d.id, e.props::text::ag_catalog.agtype
                      FROM bench_edge e JOIN bench_vertex s ON s.urn = e.src JOIN bench_vertex d ON d.urn = e.dst
                     WHERE e.relation = '%1$s'""".formatted(relation));
        }
        execute(c, "ANALYZE ops.\"Resource\"");
    }

    private long graphVertices(Connection c) throws SQLException {
        return Long.parseLong(single(c, "SELECT count(*) FROM ops.\"Resource\""));
    }

    private long graphEdges(Connection c) throws SQLException {
        return Long.parseLong(single(c, "SELECT (SELECT count(*) FROM ops.\"CALLS\") + (SELECT count(*) FROM ops.\"RUNS_ON\")"
                + " + (SELECT count(*) FROM ops.\"CONNECTS_TO\")"));
    }

    /**
     * Incidents in the data's hour, each with evidence: 16 metric facts (metric_1m over the incident's window), 10 topology
     * edges, 4 related incidents and 10 locators of raw detail (Prometheus and Loki queries).
     */
    private void incidents(Connection c) throws SQLException {
        execute(c, """
                INSERT INTO event_envelope (tenant_id, resource_id, dedup_key, source, kind, severity, status, title, summary, started_at, ended_at)
                SELECT %1$s, r.resource_id, 'bench-' || n, 'bench', 'slo_violation', 'ERROR',
                       CASE WHEN n = 0 THEN 'open' ELSE 'resolved' END, 'Latency SLO violated on ' || r.name, 'p95 above 500 ms',
                       '%2$s'::timestamptz - n * interval '2 minutes',
                       CASE WHEN n = 0 THEN NULL ELSE '%2$s'::timestamptz - n * interval '2 minutes' + interval '10 minutes' END
                  FROM generate_series(0, %3$s - 1) AS n
                  JOIN dim_resource r ON r.tenant_id = %1$s AND r.urn = format('urn:k8s:svc:bench/svc-%%s', lpad((n %% %4$s)::text, 2, '0'))"""
                .formatted(tenantId, anomalyStart, INCIDENTS, SERVICES));
        execute(c, """
                INSERT INTO detail_locator (tenant_id, backend, dataset, query, t_from, t_to)
                SELECT %1$s, CASE WHEN k %% 2 = 0 THEN 'prometheus' ELSE 'loki' END, CASE WHEN k %% 2 = 0 THEN 'metrics' ELSE 'logs' END,
                       CASE WHEN k %% 2 = 0 THEN format('rate(http_requests_total{service="svc-%%s"}[1m])', lpad(k::text, 2, '0'))
                            ELSE format('{service="svc-%%s"} |= "error"', lpad(k::text, 2, '0')) END,
                       '%2$s'::timestamptz - interval '15 minutes', '%2$s'::timestamptz + interval '15 minutes'
                  FROM generate_series(0, %3$s - 1) AS k""".formatted(tenantId, anomalyStart, SERVICES));
        // Metric evidence (k 0..15): the incident's service and the services near it, each metric in turn.
        execute(c, """
                INSERT INTO evidence_link (event_id, dim, ref_pg, score, note)
                SELECT ev.event_id, 'metric',
                       jsonb_build_object('table', 'metric_1m', 'resource_id', r.resource_id, 'metric', (ARRAY['latency', 'throughput',
                           'congestion', 'cpu', 'io', 'memory', 'availability'])[1 + k %% 7],
                           'from', ev.started_at - interval '15 minutes', 'to', ev.started_at + interval '10 minutes'),
                       1.0 / (1 + k), 'metric anomaly ' || k
                  FROM event_envelope ev, generate_series(0, 15) AS k
                  JOIN dim_resource r ON r.tenant_id = %1$s AND r.type = 'service'
                   AND r.urn = format('urn:k8s:svc:bench/svc-%%s', lpad((k * 3 %% %2$s)::text, 2, '0'))
                 WHERE ev.tenant_id = %1$s""".formatted(tenantId, SERVICES));
        // Topology evidence (10 edges touching the incident's service), related incidents (4), locators (10).
        execute(c, """
                INSERT INTO evidence_link (event_id, dim, ref_pg, locator_id, score, note)
                SELECT ev.event_id, 'topology', jsonb_build_object('table', 'topo_edge_time', 'edge_id', e.edge_id), NULL::bigint, 0.3, 'edge near the incident'
                  FROM event_envelope ev
                  CROSS JOIN LATERAL (SELECT edge_id FROM topo_edge_time WHERE tenant_id = %1$s
                                       AND (src_resource_id = ev.resource_id OR dst_resource_id = ev.resource_id)
                                      ORDER BY edge_id LIMIT 10) e
                 WHERE ev.tenant_id = %1$s
                UNION ALL
                SELECT ev.event_id, 'event', jsonb_build_object('table', 'event_envelope', 'event_id', o.event_id), NULL, 0.2, 'related incident'
                  FROM event_envelope ev
                  CROSS JOIN LATERAL (SELECT event_id FROM event_envelope WHERE tenant_id = %1$s AND event_id <> ev.event_id
                                      ORDER BY dedup_key LIMIT 4) o
                 WHERE ev.tenant_id = %1$s
                UNION ALL
                SELECT ev.event_id, CASE WHEN l.backend = 'loki' THEN 'log' ELSE 'metric' END, NULL, l.locator_id, 0.1, 'raw detail'
                  FROM event_envelope ev
                  CROSS JOIN LATERAL (SELECT locator_id, backend FROM detail_locator WHERE tenant_id = %1$s ORDER BY locator_id LIMIT 10) l
                 WHERE ev.tenant_id = %1$s""".formatted(tenantId));
        try (Statement statement = c.createStatement();
             ResultSet resultSet = statement.executeQuery("SELECT event_id FROM event_envelope WHERE tenant_id = " + tenantId
                     + " ORDER BY started_at DESC")) {
            while (resultSet.next()) {
                incidents.add(UUID.fromString(resultSet.getString(1)));
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            if (!resultSet.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return resultSet.getString(1);
        }
    }
}
