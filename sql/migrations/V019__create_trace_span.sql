-- The spans themselves, for the diagnosis: self time (a span's duration minus what its children cover), operations
-- that fail, slow down or disappear, and the service call graph all need parent and child together, which the
-- five-minute call statistics have lost. Kept two days like the other staged telemetry: an incident is diagnosed
-- within minutes and its stored diagnosis outlives the spans.
CREATE TABLE trace_span (
    ts             timestamptz NOT NULL,
    tenant_id      bigint      NOT NULL,
    resource_id    bigint      NOT NULL,
    trace_id       text        NOT NULL,
    span_id        text        NOT NULL,
    parent_span_id text,
    operation      text        NOT NULL,
    duration_us    bigint      NOT NULL,
    error          boolean     NOT NULL,
    -- A span delivered twice (a client retry, a redelivered message) is stored once.
    CONSTRAINT trace_span_pk PRIMARY KEY (tenant_id, trace_id, span_id, ts),
    CONSTRAINT trace_span_duration_ck CHECK (duration_us >= 0)
);
SELECT public.create_hypertable('trace_span', public.by_range('ts', interval '1 hour'));
CREATE INDEX trace_span_tenant_ix ON trace_span (tenant_id, ts);

DO $retention$
DECLARE
    native_policies constant boolean := coalesce(current_setting('timescaledb.license', true), 'apache') <> 'apache';
BEGIN
    IF native_policies THEN
        PERFORM public.add_retention_policy('rootscope.trace_span', interval '2 days');
    END IF;
    INSERT INTO rootscope.lifecycle_job (job_name, kind, source_table, retain, schedule, native)
    VALUES ('retention_trace_span', 'retention', 'trace_span', interval '2 days', interval '1 hour', native_policies);
END
$retention$;

-- Like every tenant table the reader role can read (V016): a session sees its own tenant's rows only.
ALTER TABLE trace_span ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trace_span FOR SELECT USING (tenant_id = (SELECT rootscope.current_tenant_id()));
