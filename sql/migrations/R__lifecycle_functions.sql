-- Functions the backend scheduler (and an operator) call to run the data-lifecycle jobs of lifecycle_job
-- that Timescale does not run natively (Apache-only build).

-- The TimescaleDB license in force: 'apache' (no policies, compression or continuous aggregates) or 'timescale'.
CREATE OR REPLACE FUNCTION rootscope.timescale_license()
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog
AS $$ SELECT coalesce(current_setting('timescaledb.license', true), 'apache') $$;

-- Drops the chunks of the job's hypertable that lie entirely before now() - retain. Returns how many. For
-- metric_revision (a plain table, V013) it deletes the revisions of minutes before now() - retain instead.
CREATE OR REPLACE FUNCTION rootscope.run_retention_job(p_job_name text)
RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, rootscope
AS $$
DECLARE
    job rootscope.lifecycle_job;
    dropped integer;
BEGIN
    SELECT * INTO job FROM rootscope.lifecycle_job WHERE job_name = p_job_name AND kind = 'retention';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no retention job named %', p_job_name USING HINT = 'SELECT job_name FROM rootscope.lifecycle_job';
    END IF;
    IF job.source_table = 'metric_revision' THEN
        DELETE FROM rootscope.metric_revision WHERE minute < now() - job.retain;
        GET DIAGNOSTICS dropped = ROW_COUNT;
        UPDATE rootscope.lifecycle_job
           SET last_run_at = now(), last_result = format('deleted %s revisions', dropped)
         WHERE job_name = p_job_name;
        RETURN dropped;
    END IF;
    SELECT count(*) INTO dropped
      FROM public.drop_chunks(format('rootscope.%I', job.source_table)::regclass, older_than => now() - job.retain);
    UPDATE rootscope.lifecycle_job
       SET last_run_at = now(), last_result = format('dropped %s chunks', dropped)
     WHERE job_name = p_job_name;
    RETURN dropped;
END
$$;

-- Rolls metric_1m up into metric_1h for whole hours, from refresh_lag before the watermark up to the
-- current hour, upserting so that late minutes inside the lag are folded in. Returns the rows written.
CREATE OR REPLACE FUNCTION rootscope.run_rollup_job(p_job_name text)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, rootscope
AS $$
DECLARE
    job rootscope.lifecycle_job;
    range_from timestamptz;
    range_to constant timestamptz := date_trunc('hour', now());
    written bigint;
BEGIN
    SELECT * INTO job FROM rootscope.lifecycle_job WHERE job_name = p_job_name AND kind = 'rollup';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no rollup job named %', p_job_name USING HINT = 'SELECT job_name FROM rootscope.lifecycle_job';
    END IF;
    IF job.source_table <> 'metric_1m' OR job.target_table <> 'metric_1h' THEN
        RAISE EXCEPTION 'rollup % from % to % is not implemented', p_job_name, job.source_table, job.target_table;
    END IF;
    range_from := coalesce(date_trunc('hour', job.watermark - job.refresh_lag),
                           (SELECT date_trunc('hour', min(bucket)) FROM rootscope.metric_1m));
    INSERT INTO rootscope.metric_1h (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
    SELECT public.time_bucket(interval '1 hour', bucket), tenant_id, resource_id, metric,
           sum(avg_val * sample_count) / sum(sample_count), max(max_val), max(p95_val), sum(sample_count)
      FROM rootscope.metric_1m
     WHERE bucket >= range_from AND bucket < range_to
     GROUP BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT metric_1h_pk DO UPDATE
       SET avg_val = excluded.avg_val, max_val = excluded.max_val,
           p95_val = excluded.p95_val, sample_count = excluded.sample_count;
    GET DIAGNOSTICS written = ROW_COUNT;
    UPDATE rootscope.lifecycle_job
       SET watermark = range_to, last_run_at = now(), last_result = format('upserted %s rows', written)
     WHERE job_name = p_job_name;
    RETURN written;
END
$$;

-- Runs every non-native job whose schedule is due; safe to call from several backends at once.
CREATE OR REPLACE FUNCTION rootscope.run_due_lifecycle_jobs()
RETURNS TABLE (job_name text, result text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, rootscope
AS $$
DECLARE
    job rootscope.lifecycle_job;
BEGIN
    FOR job IN
        SELECT * FROM rootscope.lifecycle_job j
         WHERE NOT j.native AND (j.last_run_at IS NULL OR j.last_run_at + j.schedule <= now())
         ORDER BY j.kind DESC, j.job_name  -- rollups before retention, so nothing is dropped unrolled
           FOR UPDATE SKIP LOCKED
    LOOP
        IF job.kind = 'rollup' THEN
            PERFORM rootscope.run_rollup_job(job.job_name);
        ELSE
            PERFORM rootscope.run_retention_job(job.job_name);
        END IF;
        RETURN QUERY SELECT j.job_name, j.last_result FROM rootscope.lifecycle_job j WHERE j.job_name = job.job_name;
    END LOOP;
END
$$;
