-- Retention, compression and rollups, by TimescaleDB license.
-- Community license: Timescale's own policies and a continuous aggregate do the work.
-- Apache-only build (e.g. Debian's): those features are refused, so metric_1h is a plain hypertable and the
-- equivalent jobs are recorded in lifecycle_job for the backend scheduler, which runs them through
-- run_due_lifecycle_jobs() (R__lifecycle_functions.sql).

-- A data-lifecycle job: dropping a hypertable's chunks older than its retention, or rolling a fine table
-- up into a coarse one. native = true means Timescale runs it and the row is only a record of it.
CREATE TABLE lifecycle_job (
    job_name     text        NOT NULL CONSTRAINT lifecycle_job_pk PRIMARY KEY,
    kind         text        NOT NULL,
    source_table text        NOT NULL,
    target_table text,
    retain       interval,
    schedule     interval    NOT NULL,
    refresh_lag  interval,
    native       boolean     NOT NULL,
    watermark    timestamptz,
    last_run_at  timestamptz,
    last_result  text,
    CONSTRAINT lifecycle_job_kind_ck CHECK (kind IN ('retention', 'rollup')),
    CONSTRAINT lifecycle_job_shape_ck CHECK (
        (kind = 'retention' AND retain IS NOT NULL AND target_table IS NULL)
        OR (kind = 'rollup' AND target_table IS NOT NULL AND refresh_lag IS NOT NULL))
);

-- The hourly rollup's SELECT, shared by both variants. p95_val is the largest per-minute p95 of the hour:
-- an upper bound, since an exact percentile cannot be rebuilt from per-minute aggregates.
DO $lifecycle$
DECLARE
    native_policies constant boolean := coalesce(current_setting('timescaledb.license', true), 'apache') <> 'apache';
    rollup_select constant text := $sql$
        SELECT public.time_bucket(interval '1 hour', bucket) AS bucket, tenant_id, resource_id, metric,
               sum(avg_val * sample_count) / sum(sample_count) AS avg_val,
               max(max_val) AS max_val, max(p95_val) AS p95_val, sum(sample_count)::bigint AS sample_count
          FROM rootscope.metric_1m
         GROUP BY 1, 2, 3, 4 $sql$;
    retention record;
BEGIN
    IF native_policies THEN
        EXECUTE 'CREATE MATERIALIZED VIEW rootscope.metric_1h WITH (timescaledb.continuous) AS '
                || rollup_select || ' WITH NO DATA';
        PERFORM public.add_continuous_aggregate_policy('rootscope.metric_1h',
            start_offset => interval '1 day', end_offset => interval '1 hour', schedule_interval => interval '30 minutes');
        ALTER TABLE rootscope.metric_sample SET (timescaledb.compress, timescaledb.compress_segmentby = 'tenant_id, resource_id, metric', timescaledb.compress_orderby = 'ts');
        ALTER TABLE rootscope.metric_1m SET (timescaledb.compress, timescaledb.compress_segmentby = 'tenant_id, resource_id, metric', timescaledb.compress_orderby = 'bucket');
        ALTER TABLE rootscope.service_call_5m SET (timescaledb.compress, timescaledb.compress_segmentby = 'tenant_id, src_resource_id, dst_resource_id', timescaledb.compress_orderby = 'bucket');
        ALTER TABLE rootscope.log_pattern_5m SET (timescaledb.compress, timescaledb.compress_segmentby = 'tenant_id, resource_id, pattern_id', timescaledb.compress_orderby = 'bucket');
        PERFORM public.add_compression_policy('rootscope.metric_sample', interval '1 day');
        PERFORM public.add_compression_policy('rootscope.metric_1m', interval '7 days');
        PERFORM public.add_compression_policy('rootscope.service_call_5m', interval '30 days');
        PERFORM public.add_compression_policy('rootscope.log_pattern_5m', interval '30 days');
    ELSE
        CREATE TABLE rootscope.metric_1h (
            bucket       timestamptz      NOT NULL,
            tenant_id    bigint           NOT NULL,
            resource_id  bigint           NOT NULL,
            metric       text             NOT NULL,
            avg_val      double precision NOT NULL,
            max_val      double precision NOT NULL,
            p95_val      double precision NOT NULL,
            sample_count bigint           NOT NULL,
            CONSTRAINT metric_1h_pk PRIMARY KEY (tenant_id, resource_id, metric, bucket)
        );
        PERFORM public.create_hypertable('rootscope.metric_1h', public.by_range('bucket', interval '30 days'));
        INSERT INTO rootscope.lifecycle_job (job_name, kind, source_table, target_table, schedule, refresh_lag, native)
        VALUES ('rollup_metric_1h', 'rollup', 'metric_1m', 'metric_1h', interval '5 minutes', interval '3 hours', false);
    END IF;

    FOR retention IN
        SELECT * FROM (VALUES ('metric_sample', interval '${metric_sample_retention}'),
                              ('metric_1m', interval '${metric_1m_retention}'),
                              ('metric_1h', interval '${metric_1h_retention}'),
                              ('service_call_5m', interval '${service_call_5m_retention}'),
                              ('log_pattern_5m', interval '${log_pattern_5m_retention}')) AS r (source_table, retain)
    LOOP
        IF native_policies THEN
            PERFORM public.add_retention_policy('rootscope.' || retention.source_table, retention.retain);
        END IF;
        INSERT INTO rootscope.lifecycle_job (job_name, kind, source_table, retain, schedule, native)
        VALUES ('retention_' || retention.source_table, 'retention', retention.source_table, retention.retain,
                interval '1 hour', native_policies);
    END LOOP;
END
$lifecycle$;
