-- Revisions of stored data, bumped by statement triggers inside the writing transaction, so that a reader can tell
-- whether data it used before has changed without reading it again: RcaService reuses a stored diagnosis while the
-- revisions of its window are unchanged (counting the window's samples instead cost ~10 ms per request), and the
-- topology query keeps a tenant's edges in memory until its topology revision moves.
--
-- Revisions come from one sequence, so a change never brings back a value seen before (not even after a TRUNCATE).
-- Statement triggers with transition tables see every row an INSERT, COPY, UPDATE or DELETE touched, whoever wrote
-- it; rows removed by dropping chunks (retention) count as expired, not changed.

CREATE SEQUENCE data_revision_seq;

-- One row per tenant, metric table and minute ever written; revision: the sequence value of its latest change.
CREATE TABLE metric_revision (
    tenant_id bigint      NOT NULL,
    source    text        NOT NULL,
    minute    timestamptz NOT NULL,
    revision  bigint      NOT NULL,
    CONSTRAINT metric_revision_pk PRIMARY KEY (tenant_id, source, minute),
    CONSTRAINT metric_revision_source_ck CHECK (source IN ('metric_sample', 'metric_1m'))
);

-- TG_ARGV[0]: the table's time column. Minutes are UTC (time_bucket), whatever the session's time zone.
CREATE FUNCTION rootscope.bump_metric_revision() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, rootscope
AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE rootscope.metric_revision SET revision = nextval('rootscope.data_revision_seq') WHERE source = TG_TABLE_NAME;
        RETURN NULL;
    END IF;
    EXECUTE format($sql$
        INSERT INTO rootscope.metric_revision AS r (tenant_id, source, minute, revision)
        SELECT tenant_id, %1$L, minute, nextval('rootscope.data_revision_seq')
          FROM (SELECT DISTINCT tenant_id, public.time_bucket(interval '1 minute', %2$I) AS minute FROM %3$s) changed
         ORDER BY tenant_id, minute
        ON CONFLICT ON CONSTRAINT metric_revision_pk DO UPDATE SET revision = excluded.revision$sql$,
        TG_TABLE_NAME, TG_ARGV[0],
        CASE TG_OP WHEN 'INSERT' THEN 'new_rows' WHEN 'DELETE' THEN 'old_rows'
                   ELSE '(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) both_rows' END);
    RETURN NULL;
END
$$;

CREATE TRIGGER metric_sample_insert_revision AFTER INSERT ON metric_sample
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');
CREATE TRIGGER metric_sample_update_revision AFTER UPDATE ON metric_sample
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');
CREATE TRIGGER metric_sample_delete_revision AFTER DELETE ON metric_sample
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');
CREATE TRIGGER metric_sample_truncate_revision AFTER TRUNCATE ON metric_sample
    FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');

CREATE TRIGGER metric_1m_insert_revision AFTER INSERT ON metric_1m
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('bucket');
CREATE TRIGGER metric_1m_update_revision AFTER UPDATE ON metric_1m
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('bucket');
CREATE TRIGGER metric_1m_delete_revision AFTER DELETE ON metric_1m
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('bucket');
CREATE TRIGGER metric_1m_truncate_revision AFTER TRUNCATE ON metric_1m
    FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('bucket');

-- One row per tenant and relation ever written in topo_edge_time.
CREATE TABLE topology_revision (
    tenant_id bigint NOT NULL,
    relation  text   NOT NULL,
    revision  bigint NOT NULL,
    CONSTRAINT topology_revision_pk PRIMARY KEY (tenant_id, relation)
);

CREATE FUNCTION rootscope.bump_topology_revision() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, rootscope
AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE rootscope.topology_revision SET revision = nextval('rootscope.data_revision_seq');
        RETURN NULL;
    END IF;
    EXECUTE format($sql$
        INSERT INTO rootscope.topology_revision AS r (tenant_id, relation, revision)
        SELECT tenant_id, relation, nextval('rootscope.data_revision_seq')
          FROM (SELECT DISTINCT tenant_id, relation FROM %s) changed
         ORDER BY tenant_id, relation
        ON CONFLICT ON CONSTRAINT topology_revision_pk DO UPDATE SET revision = excluded.revision$sql$,
        CASE TG_OP WHEN 'INSERT' THEN 'new_rows' WHEN 'DELETE' THEN 'old_rows'
                   ELSE '(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) both_rows' END);
    RETURN NULL;
END
$$;

CREATE TRIGGER topo_edge_time_insert_revision AFTER INSERT ON topo_edge_time
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_topology_revision();
CREATE TRIGGER topo_edge_time_update_revision AFTER UPDATE ON topo_edge_time
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_topology_revision();
CREATE TRIGGER topo_edge_time_delete_revision AFTER DELETE ON topo_edge_time
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_topology_revision();
CREATE TRIGGER topo_edge_time_truncate_revision AFTER TRUNCATE ON topo_edge_time
    FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_topology_revision();

-- Minutes older than the minute aggregates' retention hold no data any more: a retention job (non-native under
-- either license, run by run_due_lifecycle_jobs) deletes their revisions.
INSERT INTO lifecycle_job (job_name, kind, source_table, retain, schedule, native)
VALUES ('retention_metric_revision', 'retention', 'metric_revision', interval '${metric_1m_retention}', interval '1 hour', false);
