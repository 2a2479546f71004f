-- Series pushed to Rootscope (Prometheus remote write, OTLP metrics) as they came, in Prometheus's data model: a
-- name, its labels and its samples. The AutoMAP metric types are derived from them per window into metric_sample,
-- as the Prometheus job derives them from a scraped Prometheus.

-- The identity of a series: its name and labels (jsonb orders keys, so label order does not matter). One function,
-- so the column and the lookups of a push compute it the same way.
CREATE FUNCTION pushed_series_fingerprint(name text, labels jsonb) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN md5(name || labels::text)::uuid;

CREATE TABLE pushed_series (
    series_id   bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pushed_series_pk PRIMARY KEY,
    tenant_id   bigint      NOT NULL CONSTRAINT pushed_series_tenant_fk REFERENCES dim_tenant (tenant_id),
    name        text        NOT NULL,
    labels      jsonb       NOT NULL,
    fingerprint uuid        NOT NULL GENERATED ALWAYS AS (rootscope.pushed_series_fingerprint(name, labels)) STORED,
    first_seen  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pushed_series_uq UNIQUE (tenant_id, fingerprint),
    CONSTRAINT pushed_series_labels_ck CHECK (jsonb_typeof(labels) = 'object')
);
CREATE INDEX pushed_series_name_ix ON pushed_series (tenant_id, name);

-- A sample pushed twice (a client retry, a redelivered message) is stored once.
CREATE TABLE pushed_sample (
    ts        timestamptz      NOT NULL,
    tenant_id bigint           NOT NULL,
    series_id bigint           NOT NULL,
    value     double precision NOT NULL,
    CONSTRAINT pushed_sample_pk PRIMARY KEY (tenant_id, series_id, ts)
);
SELECT public.create_hypertable('pushed_sample', public.by_range('ts', interval '6 hours'));

-- Kept two days like the other staged telemetry: the derived metric_sample rows outlive them.
DO $retention$
DECLARE
    native_policies constant boolean := coalesce(current_setting('timescaledb.license', true), 'apache') <> 'apache';
BEGIN
    IF native_policies THEN
        PERFORM public.add_retention_policy('rootscope.pushed_sample', interval '2 days');
    END IF;
    INSERT INTO rootscope.lifecycle_job (job_name, kind, source_table, retain, schedule, native)
    VALUES ('retention_pushed_sample', 'retention', 'pushed_sample', interval '2 days', interval '1 hour', native_policies);
END
$retention$;

-- A late sample's closed bucket is derived again, as late spans and logs are aggregated again (V017).
ALTER TABLE pending_bucket DROP CONSTRAINT pending_bucket_table_ck;
ALTER TABLE pending_bucket ADD CONSTRAINT pending_bucket_table_ck
    CHECK (staged_table IN ('span_call', 'log_event', 'pushed_sample'));

-- Like every tenant table the reader role can read (V016): a session sees its own tenant's rows only.
ALTER TABLE pushed_series ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pushed_series FOR SELECT USING (tenant_id = (SELECT rootscope.current_tenant_id()));
ALTER TABLE pushed_sample ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pushed_sample FOR SELECT USING (tenant_id = (SELECT rootscope.current_tenant_id()));
