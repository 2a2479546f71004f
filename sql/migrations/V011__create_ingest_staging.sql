-- Staging of pushed telemetry (OTLP traces and logs) until the ETL's windowed aggregation folds it into
-- service_call_5m and log_pattern_5m. Pushes land here at once; the aggregation of a window recomputes whole
-- buckets from these rows, so it is idempotent however the pushes were split, and exactly-once per window.

-- One service-to-service call derived from a parent/child span pair.
CREATE TABLE span_call (
    ts              timestamptz      NOT NULL,
    tenant_id       bigint           NOT NULL,
    src_resource_id bigint           NOT NULL,
    dst_resource_id bigint           NOT NULL,
    duration_ms     double precision NOT NULL,
    error           boolean          NOT NULL
);
SELECT public.create_hypertable('span_call', public.by_range('ts', interval '1 hour'));
CREATE INDEX span_call_tenant_ix ON span_call (tenant_id, ts);

-- One log record, after template mining: which pattern it matched, on which resource, and whether it was an error.
CREATE TABLE log_event (
    ts          timestamptz NOT NULL,
    tenant_id   bigint      NOT NULL,
    resource_id bigint      NOT NULL,
    pattern_id  bigint      NOT NULL,
    error       boolean     NOT NULL
);
SELECT public.create_hypertable('log_event', public.by_range('ts', interval '1 hour'));
CREATE INDEX log_event_tenant_ix ON log_event (tenant_id, ts);

-- Staged rows are only needed until their buckets are aggregated: keep two days for replays.
DO $staging$
DECLARE
    native_policies constant boolean := coalesce(current_setting('timescaledb.license', true), 'apache') <> 'apache';
    staged text;
BEGIN
    FOREACH staged IN ARRAY ARRAY['span_call', 'log_event'] LOOP
        IF native_policies THEN
            PERFORM public.add_retention_policy('rootscope.' || staged, interval '2 days');
        END IF;
        INSERT INTO rootscope.lifecycle_job (job_name, kind, source_table, retain, schedule, native)
        VALUES ('retention_' || staged, 'retention', staged, interval '2 days', interval '1 hour', native_policies);
    END LOOP;
END
$staging$;
