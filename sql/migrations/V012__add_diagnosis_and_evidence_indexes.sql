-- Indexes for reads the benchmark (BackendBenchmark) found scanning whole tables or chunks.

-- Raw samples of one tenant over a time window, across all its series: what a diagnosis reads (whether raw samples
-- cover the window, their spacing, the data's fingerprint that decides whether a stored diagnosis is reused, the series).
-- The primary key leads with the resource and the metric, and TimescaleDB's default index with the time alone, so
-- without this index each of those reads scans the window's chunks for every tenant.
CREATE INDEX metric_sample_tenant_time_ix ON metric_sample (tenant_id, ts DESC);

-- Minute rows of one series by its resource, as evidence_chain resolves a metric evidence link (the link names the
-- resource, not the tenant, so neither the primary key nor metric_1m_metric_ix, both led by tenant_id, serves it).
CREATE INDEX metric_1m_resource_metric_ix ON metric_1m (resource_id, metric, bucket DESC);

-- The ends of the AGE graph's edges: OpsGraphReader walks the graph breadth-first from a vertex over these columns
-- (AGE indexes neither; without them every step scans every edge).
CREATE INDEX calls_start_ix ON ops."CALLS" (start_id);
CREATE INDEX calls_end_ix ON ops."CALLS" (end_id);
CREATE INDEX connects_to_start_ix ON ops."CONNECTS_TO" (start_id);
CREATE INDEX connects_to_end_ix ON ops."CONNECTS_TO" (end_id);
CREATE INDEX runs_on_start_ix ON ops."RUNS_ON" (start_id);
CREATE INDEX runs_on_end_ix ON ops."RUNS_ON" (end_id);
-- ... and the vertices it reaches, by id (AGE does not index vertex ids either).
CREATE INDEX resource_id_ix ON ops."Resource" (id);
