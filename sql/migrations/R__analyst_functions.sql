-- Functions for analysts and for Grafana's PostgreSQL data source (read-only role): each answers one
-- troubleshooting question over the stored facts. The backend's query kinds call the same functions.
-- All are STABLE, SECURITY INVOKER (the caller's privileges apply) and pin their search_path. Each takes the tenant
-- (its code) and answers only from that tenant's rows; for the read-only role, row-level security (V016) also limits
-- every answer to the tenant its session names (SET rootscope.tenant = 'code').

-- The signatures before each function took a tenant.
DROP FUNCTION IF EXISTS rootscope.evidence_chain(uuid);
DROP FUNCTION IF EXISTS rootscope.similar_incidents(uuid, integer);
DROP FUNCTION IF EXISTS rootscope.rca_ranking(uuid);

-- The topology as it was at time p_ts: every edge valid then, with both ends.
--   SELECT * FROM rootscope.topology_at('default', now() - interval '1 day');
CREATE OR REPLACE FUNCTION rootscope.topology_at(p_tenant text, p_ts timestamptz)
RETURNS TABLE (relation text, src_urn text, src_type text, src_name text, dst_urn text, dst_type text, dst_name text,
               valid_from timestamptz, valid_to timestamptz, source text, props jsonb)
LANGUAGE sql STABLE
SET search_path = pg_catalog, rootscope
AS $$
    SELECT e.relation, s.urn, s.type, s.name, d.urn, d.type, d.name, lower(e.valid), upper(e.valid), e.source, e.props
      FROM rootscope.topo_edge_time e
      JOIN rootscope.dim_tenant t ON t.tenant_id = e.tenant_id
      JOIN rootscope.dim_resource s ON s.resource_id = e.src_resource_id
      JOIN rootscope.dim_resource d ON d.resource_id = e.dst_resource_id
     WHERE t.code = p_tenant AND e.valid @> p_ts
     ORDER BY e.relation, s.urn, d.urn
$$;

-- The downstream dependencies of p_urn that were slowest or failing most in the p_window before p_until:
-- call statistics from traces, ranked by score = p95 latency (ms) weighted up by the error rate.
--   SELECT * FROM rootscope.downstream_hotspots('urn:k8s:svc:sock-shop/orders', interval '15 minutes');
CREATE OR REPLACE FUNCTION rootscope.downstream_hotspots(p_urn text, p_window interval, p_tenant text DEFAULT 'default',
                                                         p_until timestamptz DEFAULT now(), p_limit integer DEFAULT 5)
RETURNS TABLE (downstream_urn text, downstream_name text, calls bigint, rps double precision, err_rate double precision,
               p95_ms double precision, score double precision)
LANGUAGE sql STABLE
SET search_path = pg_catalog, rootscope
AS $$
    SELECT d.urn, d.name, sum(c.call_count)::bigint,
           avg(c.rps),
           sum(c.err_rate * c.call_count) / nullif(sum(c.call_count), 0),
           max(c.p95_ms),
           max(c.p95_ms) * (1 + 10 * coalesce(sum(c.err_rate * c.call_count) / nullif(sum(c.call_count), 0), 0))
      FROM rootscope.service_call_5m c
      JOIN rootscope.dim_tenant t ON t.tenant_id = c.tenant_id
      JOIN rootscope.dim_resource s ON s.resource_id = c.src_resource_id
      JOIN rootscope.dim_resource d ON d.resource_id = c.dst_resource_id
     WHERE t.code = p_tenant AND s.urn = p_urn
       AND c.bucket >= p_until - p_window AND c.bucket < p_until
     GROUP BY d.urn, d.name
     ORDER BY 7 DESC, 1
     LIMIT p_limit
$$;

-- The evidence chain of an event: each evidence link with a readable title and detail resolved from the
-- fact it points at, and the locator of its raw detail (query and window) when it has one. A stored diagnosis links
-- the log templates (log_pattern rows), operations and calls (trace_span, its traces as the locator) it found.
--   SELECT * FROM rootscope.evidence_chain('default', '0b7c...'::uuid);
CREATE OR REPLACE FUNCTION rootscope.evidence_chain(p_tenant text, p_event uuid)
RETURNS TABLE (evidence_id bigint, dim text, title text, detail text, score double precision, note text,
               locator_backend text, locator_query text, locator_from timestamptz, locator_to timestamptz, ref jsonb)
LANGUAGE sql STABLE
SET search_path = pg_catalog, rootscope
AS $$
    SELECT l.evidence_id, l.dim,
           coalesce(metric.title, log.title, span.title, topo.title, rca.title, related.title, l.dim || ' evidence'),
           coalesce(metric.detail, log.detail, span.detail, topo.detail, rca.detail, related.detail, ref.subject, l.note),
           l.score, l.note, loc.backend, coalesce(loc.query, loc.bucket || '/' || loc.object_key), loc.t_from, loc.t_to, l.ref_pg
      FROM rootscope.evidence_link l
      JOIN rootscope.event_envelope ev ON ev.event_id = l.event_id
      JOIN rootscope.dim_tenant t ON t.tenant_id = ev.tenant_id AND t.code = p_tenant
      LEFT JOIN rootscope.detail_locator loc ON loc.locator_id = l.locator_id AND loc.tenant_id = ev.tenant_id
      -- The reference's fields, read once and kept apart (OFFSET 0: not flattened back into the conditions below). Under
      -- row-level security a condition calling a function that is not leakproof (->>, the casts) runs after the table's
      -- policy, where no index serves it: the read-only role scanned metric_1m whole for every link.
      CROSS JOIN LATERAL (
           SELECT l.ref_pg ->> 'table' AS tbl, l.ref_pg ->> 'metric' AS metric, (l.ref_pg ->> 'resource_id')::bigint AS resource_id,
                  (l.ref_pg ->> 'from')::timestamptz AS t_from, (l.ref_pg ->> 'to')::timestamptz AS t_to,
                  (l.ref_pg ->> 'pattern_id')::bigint AS pattern_id, (l.ref_pg ->> 'edge_id')::bigint AS edge_id,
                  (l.ref_pg ->> 'run_id')::bigint AS run_id, (l.ref_pg ->> 'event_id')::uuid AS event_id,
                  l.ref_pg ->> 'kind' AS kind, l.ref_pg ->> 'subject' AS subject
           OFFSET 0) ref
      LEFT JOIN LATERAL (
           SELECT r.name || ' ' || ref.metric AS title,
                  format('avg %s, max %s, p95 %s over %s minutes', round(avg(m.avg_val)::numeric, 3),
                         round(max(m.max_val)::numeric, 3), round(max(m.p95_val)::numeric, 3), count(*)) AS detail
             FROM rootscope.dim_resource r
             JOIN rootscope.metric_1m m ON m.resource_id = r.resource_id AND m.metric = ref.metric
            WHERE ref.tbl = 'metric_1m' AND r.resource_id = ref.resource_id
              AND r.tenant_id = ev.tenant_id
              AND m.bucket >= coalesce(ref.t_from, ev.started_at - interval '15 minutes')
              AND m.bucket < coalesce(ref.t_to, coalesce(ev.ended_at, ev.started_at + interval '15 minutes'))
            GROUP BY r.name) metric ON true
      LEFT JOIN LATERAL (
           SELECT 'log pattern (' || p.severity || ')' || coalesce(' of ' || r.name, '') AS title, p.pattern AS detail
             FROM rootscope.log_pattern p
             LEFT JOIN rootscope.dim_resource r ON r.resource_id = ref.resource_id AND r.tenant_id = ev.tenant_id
            WHERE ref.tbl = 'log_pattern' AND p.pattern_id = ref.pattern_id
              AND p.tenant_id = ev.tenant_id) log ON true
      -- An operation or a call a diagnosis found in the spans: the service and the subject; its traces are the locator.
      LEFT JOIN LATERAL (
           SELECT CASE ref.kind WHEN 'CALL' THEN 'call' ELSE 'operation' END || coalesce(' of ' || r.name, '') AS title,
                  ref.subject || coalesce(' (traces ' || (SELECT string_agg(id, ', ') FROM jsonb_array_elements_text(loc.attributes -> 'trace_ids') AS trace(id))
                                          || ')', '') AS detail
             FROM (SELECT) one
             LEFT JOIN rootscope.dim_resource r ON r.resource_id = ref.resource_id AND r.tenant_id = ev.tenant_id
            WHERE ref.tbl = 'trace_span') span ON true
      LEFT JOIN LATERAL (
           SELECT e.relation || ' edge' AS title, s.name || ' → ' || d.name || ' since ' || lower(e.valid) AS detail
             FROM rootscope.topo_edge_time e
             JOIN rootscope.dim_resource s ON s.resource_id = e.src_resource_id
             JOIN rootscope.dim_resource d ON d.resource_id = e.dst_resource_id
            WHERE ref.tbl = 'topo_edge_time' AND e.edge_id = ref.edge_id
              AND e.tenant_id = ev.tenant_id) topo ON true
      LEFT JOIN LATERAL (
           SELECT 'root-cause ranking (' || run.method || ')' AS title,
                  string_agg(c.rank || '. ' || r.name || ' ' || round(c.score::numeric, 3), ', ' ORDER BY c.rank) AS detail
             FROM rootscope.rca_run run
             JOIN rootscope.rca_candidate c ON c.run_id = run.run_id AND c.rank <= 3
             JOIN rootscope.dim_resource r ON r.resource_id = c.resource_id
            WHERE ref.tbl = 'rca_run' AND run.run_id = ref.run_id
              AND run.tenant_id = ev.tenant_id
            GROUP BY run.method) rca ON true
      LEFT JOIN LATERAL (
           SELECT 'related event' AS title, o.title || ' (' || o.status || ')' AS detail
             FROM rootscope.event_envelope o
            WHERE ref.tbl = 'event_envelope' AND o.event_id = ref.event_id
              AND o.tenant_id = ev.tenant_id) related ON true
     WHERE l.event_id = p_event
     ORDER BY l.score DESC NULLS LAST, l.evidence_id
$$;

-- The p_k past incidents whose anomaly profiles are nearest (cosine distance) to p_event's, with their known root
-- causes: "has this happened before, and what was it then?". root_cause_urn is the incident's confirmed root cause (the
-- latest confirmation, POST /incidents/{id}/root-cause, recorded on its anomaly profile), confirmed_by who confirmed it
-- (null when recorded otherwise), diagnosed_cause_urn the top cause of its diagnosis. Confirmed incidents are preferred:
-- among the 4 × p_k nearest, those with a root cause come first, each group nearest first.
--   SELECT * FROM rootscope.similar_incidents('default', '0b7c...'::uuid, 5);
-- The result's columns changed (V024's confirmations): a new row type needs the old function dropped first.
DROP FUNCTION IF EXISTS rootscope.similar_incidents(text, uuid, integer);
CREATE FUNCTION rootscope.similar_incidents(p_tenant text, p_event uuid, p_k integer DEFAULT 5)
RETURNS TABLE (event_id uuid, title text, started_at timestamptz, distance double precision, root_cause_urn text,
               confirmed_by text, diagnosed_cause_urn text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, rootscope, public
AS $$
    WITH nearest AS (
        SELECT o.event_id, o.profile OPERATOR(public.<=>) me.profile AS distance, o.root_cause_resource_id
          FROM rootscope.anomaly_profile me
          JOIN rootscope.dim_tenant t ON t.tenant_id = me.tenant_id AND t.code = p_tenant
          JOIN rootscope.anomaly_profile o ON o.tenant_id = me.tenant_id AND o.event_id <> me.event_id
         WHERE me.event_id = p_event
         ORDER BY o.profile OPERATOR(public.<=>) me.profile
         LIMIT 4 * p_k)
    SELECT n.event_id, ev.title, ev.started_at, n.distance, rc.urn, confirmed.confirmed_by, top.urn
      FROM nearest n
      JOIN rootscope.event_envelope ev ON ev.event_id = n.event_id
      LEFT JOIN rootscope.dim_resource rc ON rc.resource_id = n.root_cause_resource_id
      LEFT JOIN LATERAL (
            SELECT c.confirmed_by
              FROM rootscope.root_cause_confirmation c
             WHERE c.event_id = n.event_id
             ORDER BY c.confirmation_id DESC LIMIT 1) confirmed ON true
      LEFT JOIN LATERAL (
            SELECT r.urn
              FROM rootscope.rca_run run
              JOIN rootscope.rca_candidate c ON c.run_id = run.run_id AND c.rank = 1
              JOIN rootscope.dim_resource r ON r.resource_id = c.resource_id
             WHERE run.event_id = n.event_id AND run.status = 'succeeded'
             ORDER BY run.created_at DESC, run.run_id DESC LIMIT 1) top ON true
     ORDER BY n.root_cause_resource_id IS NULL, n.distance
     LIMIT p_k
$$;

-- The root-cause ranking of the latest successful diagnosis of p_event.
--   SELECT * FROM rootscope.rca_ranking('default', '0b7c...'::uuid);
CREATE OR REPLACE FUNCTION rootscope.rca_ranking(p_tenant text, p_event uuid)
RETURNS TABLE (rank integer, urn text, name text, score double precision, contributions jsonb, run_id bigint, method text,
               diagnosed_at timestamptz)
LANGUAGE sql STABLE
SET search_path = pg_catalog, rootscope
AS $$
    SELECT c.rank, r.urn, r.name, c.score, c.contributions, run.run_id, run.method, run.created_at
      FROM (SELECT * FROM rootscope.rca_run
             WHERE event_id = p_event AND status = 'succeeded'
               AND tenant_id = (SELECT tenant_id FROM rootscope.dim_tenant WHERE code = p_tenant)
             ORDER BY created_at DESC, run_id DESC LIMIT 1) run
      JOIN rootscope.rca_candidate c ON c.run_id = run.run_id
      JOIN rootscope.dim_resource r ON r.resource_id = c.resource_id
     ORDER BY c.rank
$$;

-- The p_k runbooks that best match a text, each by its best passage (a section of a runbook), scored by hybrid ranking:
-- full-text search (ts_rank_cd over the passages' English tsvector, the query's words OR-ed) and, when p_embedding is
-- given, vector similarity (cosine distance over the HNSW index; the embedding of p_query by the backend's sentence
-- model, 384 dimensions, in pgvector's text form '[0.1,...]'). Both lists are fused by reciprocal-rank fusion
-- (Cormack et al., SIGIR 2009): score = sum of 1 / (60 + rank) over the lists a passage is in. The two scores are on
-- scales that cannot be compared (a distance, a density of matches), and RRF uses only the ranks, needs no weights to
-- tune and rewards a passage both lists agree on; a passage holding an exact term of the query (a metric name) ranks
-- high in the text list even where its embedding is not near. Without an embedding the ranking is full-text only.
--   SELECT * FROM rootscope.runbook_search('default', 'container_memory_working_set_bytes rising, OOMKilled');
CREATE OR REPLACE FUNCTION rootscope.runbook_search(p_tenant text, p_query text, p_embedding text DEFAULT NULL,
                                                    p_k integer DEFAULT 5)
RETURNS TABLE (doc_id bigint, chunk_id bigint, title text, section text, content text, source text, url text,
               score double precision, text_rank integer, vector_rank integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, rootscope, public
-- The HNSW scan keeps going until enough of the tenant's passages are found (pgvector 0.8).
SET hnsw.iterative_scan = relaxed_order
AS $$
    WITH docs AS (
         SELECT d.doc_id, d.title, d.source, d.url
           FROM rootscope.kb_doc d
           JOIN rootscope.dim_tenant t ON t.tenant_id = d.tenant_id AND t.code = p_tenant),
    -- The query's lexemes OR-ed: a passage matching some of the symptoms still counts, more matches rank higher.
    query AS (
         SELECT to_tsquery('simple', string_agg(quote_literal(lexeme), ' | ')) AS q
           FROM unnest(tsvector_to_array(to_tsvector('english', coalesce(p_query, '')))) AS lexeme
         HAVING count(*) > 0),
    by_text AS (
         SELECT c.chunk_id, row_number() OVER (ORDER BY ts_rank_cd(c.search, query.q, 1) DESC, c.chunk_id)::integer AS r
           FROM rootscope.kb_chunk c
           JOIN docs ON docs.doc_id = c.doc_id
           CROSS JOIN query
          WHERE c.search @@ query.q
          ORDER BY 2
          LIMIT 50),
    by_vector AS (
         SELECT nearest.chunk_id, row_number() OVER (ORDER BY nearest.distance, nearest.chunk_id)::integer AS r
           FROM (SELECT c.chunk_id, c.embedding OPERATOR(public.<=>) p_embedding::public.vector AS distance
                   FROM rootscope.kb_chunk c
                   JOIN docs ON docs.doc_id = c.doc_id
                  WHERE p_embedding IS NOT NULL
                  ORDER BY c.embedding OPERATOR(public.<=>) p_embedding::public.vector
                  LIMIT 50) nearest),
    fused AS (
         SELECT coalesce(t.chunk_id, v.chunk_id) AS chunk_id,
                coalesce(1.0 / (60 + t.r), 0) + coalesce(1.0 / (60 + v.r), 0) AS score, t.r AS text_rank, v.r AS vector_rank
           FROM by_text t
           FULL JOIN by_vector v ON v.chunk_id = t.chunk_id),
    best AS (
         SELECT DISTINCT ON (c.doc_id) c.doc_id, c.chunk_id, docs.title, c.section, c.content, docs.source, docs.url,
                f.score::double precision AS score, f.text_rank, f.vector_rank
           FROM fused f
           JOIN rootscope.kb_chunk c ON c.chunk_id = f.chunk_id
           JOIN docs ON docs.doc_id = c.doc_id
          ORDER BY c.doc_id, f.score DESC, c.chunk_id)
    SELECT * FROM best ORDER BY score DESC, chunk_id LIMIT p_k
$$;

-- What to look up in the runbooks for an incident: for each of the p_causes top root causes of its latest diagnosis,
-- its own fault symptoms as text — the metric types and log or trace channels that made up the cause's score (the
-- strongest and those at least a tenth of it, strongest first), and the log templates and operations the diagnosis
-- found on it, with what it found — and, apart, the incident's alert text (title and summary), the same for every cause:
-- searched as one text with the cause's few words, its many words drown the evidence that tells the cause's fault apart.
-- A finding's numbers with their units (rates, durations, shares, counts, the arrows between them) are left out: they
-- say how large the change was, not what kind it was, and as query words they only match a runbook's thresholds and
-- step numbers and pull the text's embedding away from the finding's words (README, Runbooks: the ranks with and
-- without them).
--   SELECT * FROM rootscope.runbook_queries('default', '0b7c...'::uuid);
DROP FUNCTION IF EXISTS rootscope.runbook_queries(text, uuid, integer);
CREATE FUNCTION rootscope.runbook_queries(p_tenant text, p_event uuid, p_causes integer DEFAULT 3)
RETURNS TABLE (rank integer, urn text, name text, symptoms text, alert text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, rootscope
AS $$
    SELECT c.rank, r.urn, r.name, concat_ws(' ', types.names, findings.text), concat_ws(' ', ev.title, ev.summary)
      FROM (SELECT * FROM rootscope.rca_run
             WHERE event_id = p_event AND status = 'succeeded'
               AND tenant_id = (SELECT tenant_id FROM rootscope.dim_tenant WHERE code = p_tenant)
             ORDER BY created_at DESC, run_id DESC LIMIT 1) run
      JOIN rootscope.event_envelope ev ON ev.event_id = run.event_id AND ev.tenant_id = run.tenant_id
      JOIN rootscope.rca_candidate c ON c.run_id = run.run_id AND c.rank <= p_causes
      JOIN rootscope.dim_resource r ON r.resource_id = c.resource_id
      CROSS JOIN LATERAL (
           SELECT string_agg(x.key, ' ' ORDER BY x.value DESC) AS names
             FROM (SELECT e.key, e.value::double precision AS value, max(e.value::double precision) OVER () AS strongest
                     FROM jsonb_each_text(c.contributions) e
                    WHERE jsonb_typeof(c.contributions -> e.key) = 'number') x
            WHERE x.value > 0 AND x.value >= 0.1 * x.strongest) types
      CROSS JOIN LATERAL (
           SELECT string_agg(concat_ws(' ', ref.subject, regexp_replace(l.note, '[0-9][0-9.,]*( ?(%|ms|/min))?|→|[()]', ' ', 'g')), ' '
                             ORDER BY l.score DESC NULLS LAST) AS text
             FROM rootscope.evidence_link l
             CROSS JOIN LATERAL (
                  SELECT l.ref_pg ->> 'subject' AS subject, (l.ref_pg ->> 'run_id')::bigint AS run_id,
                         (l.ref_pg ->> 'resource_id')::bigint AS resource_id
                  OFFSET 0) ref
            WHERE l.event_id = p_event AND l.dim IN ('log', 'trace')
              AND ref.run_id = run.run_id AND ref.resource_id = c.resource_id) findings
     ORDER BY c.rank
$$;

-- The runbooks for an incident, full-text only (an analyst has no sentence model at hand; the backend's `runbooks`
-- query kind adds each cause's embedding and searches the alert text apart): for each top root cause, the p_k best
-- runbooks for its symptoms and the alert text.
--   SELECT * FROM rootscope.incident_runbooks('default', '0b7c...'::uuid);
CREATE OR REPLACE FUNCTION rootscope.incident_runbooks(p_tenant text, p_event uuid, p_k integer DEFAULT 3)
RETURNS TABLE (cause_rank integer, cause_urn text, cause_name text, title text, section text, content text,
               score double precision, chunk_id bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, rootscope
AS $$
    SELECT q.rank, q.urn, q.name, s.title, s.section, s.content, s.score, s.chunk_id
      FROM rootscope.runbook_queries(p_tenant, p_event) q
      CROSS JOIN LATERAL rootscope.runbook_search(p_tenant, concat_ws(' ', q.symptoms, q.alert), NULL, p_k) s
     ORDER BY q.rank, s.score DESC, s.chunk_id
$$;
