-- Row-level security for the read-only role: every row it can read belongs to one tenant, and it sees only the rows
-- of the tenant its session names, so a query that forgets its tenant condition returns nothing of another tenant.
-- The application role owns the tables and is not subject to it (no FORCE): the ETL and stored diagnoses are unchanged.
--
-- The session names its tenant by id in rootscope.tenant_id (the backend sets it on every checkout from its reader
-- pool) or by code in rootscope.tenant (analysts: SET rootscope.tenant = 'code', or ALTER ROLE ... SET for a login
-- role per tenant, e.g. Grafana's PostgreSQL data source). Neither set: no rows.

-- The tenant the session names; null (no rows) when it names none or an unknown code. SECURITY DEFINER: the code is
-- looked up in dim_tenant past its own row security.
CREATE FUNCTION rootscope.current_tenant_id() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, rootscope
AS $$
    SELECT CASE WHEN coalesce(current_setting('rootscope.tenant_id', true), '') <> ''
                THEN current_setting('rootscope.tenant_id', true)::bigint
                ELSE (SELECT tenant_id FROM rootscope.dim_tenant WHERE code = current_setting('rootscope.tenant', true)) END
$$;

-- Policies compare with (SELECT current_tenant_id()): an init plan, evaluated once per query instead of once per row,
-- so index scans on the tenant column keep working.
DO $policies$
DECLARE
    tbl text;
BEGIN
    -- Every table with a tenant column (hypertables included; TimescaleDB applies the hypertable's policy to its chunks).
    FOR tbl IN
        SELECT c.relname FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
         WHERE n.nspname = 'rootscope' AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'api_token%'
         ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE rootscope.%I ENABLE ROW LEVEL SECURITY', tbl);
        EXECUTE format('CREATE POLICY tenant_isolation ON rootscope.%I FOR SELECT USING (tenant_id = (SELECT rootscope.current_tenant_id()))', tbl);
    END LOOP;
END
$policies$;

-- TimescaleDB applies a hypertable's policy when the hypertable is queried, but a chunk read by its own name is a table
-- of its own, created without row security. With row security on and no policy, a chunk shows the read-only role
-- nothing. Chunks appear as data arrives, so the backend's lifecycle step calls this every period (the window in
-- which a new chunk is readable by name is at most that period); it returns how many chunks it changed.
CREATE FUNCTION rootscope.enable_chunk_row_security() RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, rootscope
AS $$
DECLARE
    chunk regclass;
    changed integer := 0;
BEGIN
    FOR chunk IN
        SELECT format('%I.%I', ch.schema_name, ch.table_name)::regclass
          FROM _timescaledb_catalog.chunk ch
          JOIN _timescaledb_catalog.hypertable h ON h.id = ch.hypertable_id
          JOIN pg_class parent ON parent.oid = format('%I.%I', h.schema_name, h.table_name)::regclass
          JOIN pg_class c ON c.oid = format('%I.%I', ch.schema_name, ch.table_name)::regclass
         WHERE h.schema_name = 'rootscope' AND parent.relrowsecurity AND NOT c.relrowsecurity AND NOT ch.dropped
    LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', chunk);
        changed := changed + 1;
    END LOOP;
    RETURN changed;
END
$$;
SELECT rootscope.enable_chunk_row_security();

-- Tables whose tenant is their parent's: a row is visible when its parent row is (the parent's policy applies inside).
ALTER TABLE evidence_link ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON evidence_link FOR SELECT
    USING (EXISTS (SELECT FROM rootscope.event_envelope e WHERE e.event_id = evidence_link.event_id));
ALTER TABLE rca_candidate ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rca_candidate FOR SELECT
    USING (EXISTS (SELECT FROM rootscope.rca_run r WHERE r.run_id = rca_candidate.run_id));
ALTER TABLE kb_chunk ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_chunk FOR SELECT
    USING (EXISTS (SELECT FROM rootscope.kb_doc d WHERE d.doc_id = kb_chunk.doc_id));

-- The AGE graph: a vertex carries its tenant as a property; an edge is visible when its start vertex is. The label
-- parents are covered too, since a query on a parent reads its children's rows under the parent's policy.
ALTER TABLE ops._ag_label_vertex ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ops._ag_label_vertex FOR SELECT
    USING (properties OPERATOR(ag_catalog.@>) ag_catalog.agtype_build_map('tenant', (SELECT rootscope.current_tenant_id())));
ALTER TABLE ops."Resource" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ops."Resource" FOR SELECT
    USING (properties OPERATOR(ag_catalog.@>) ag_catalog.agtype_build_map('tenant', (SELECT rootscope.current_tenant_id())));
DO $edges$
DECLARE
    tbl text;
BEGIN
    FOR tbl IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'ops' AND c.relkind = 'r'
                  AND (c.relname = '_ag_label_edge' OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'ops._ag_label_edge'::regclass))
    LOOP
        EXECUTE format('ALTER TABLE ops.%I ENABLE ROW LEVEL SECURITY', tbl);
        EXECUTE format('CREATE POLICY tenant_isolation ON ops.%I FOR SELECT USING (EXISTS (SELECT FROM ops._ag_label_vertex v WHERE v.id = start_id))', tbl);
    END LOOP;
END
$edges$;

-- What the read-only role keeps no access to: tables of no tenant (the ETL's source circuits, the lifecycle jobs, the
-- migration history), and temporary tables (its only remaining way to write; PUBLIC held the right, the owner keeps it).
DO $revoke$
DECLARE
    reader constant text := (SELECT pg_get_userbyid(datdba) || '_reader' FROM pg_database WHERE datname = current_database());
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = reader) THEN
        EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM %I', current_database(), reader);
        EXECUTE format('REVOKE ALL ON etl_job_circuit, lifecycle_job, flyway_schema_history FROM %I', reader);
    END IF;
END
$revoke$;
