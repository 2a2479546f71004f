-- Run once per database by a superuser, before the application role applies the migrations:
--   psql -d <database> -f sql/bootstrap/prepare_database.sql
-- The extensions need a superuser to create; AGE is then usable by the database owner (the application
-- role) and by <owner>_reader without superuser, because the server preloads it (a non-superuser can
-- never LOAD 'age'). Idempotent.
CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE EXTENSION IF NOT EXISTS age;
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

DO $bootstrap$
DECLARE
    owner_role constant text := (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database());
    reader_role constant text := owner_role || '_reader';
    grantee text;
BEGIN
    FOREACH grantee IN ARRAY ARRAY[owner_role, reader_role] LOOP
        CONTINUE WHEN NOT EXISTS (SELECT FROM pg_roles WHERE rolname = grantee);
        EXECUTE format('GRANT USAGE ON SCHEMA ag_catalog TO %I', grantee);
        -- cypher() and graph existence checks read AGE's catalog.
        EXECUTE format('GRANT SELECT ON ag_catalog.ag_graph, ag_catalog.ag_label TO %I', grantee);
    END LOOP;
    -- ag_catalog last: first, it would receive unqualified CREATE TABLEs.
    EXECUTE format('ALTER DATABASE %I SET search_path = rootscope, public, ag_catalog', current_database());
    IF reader_role IS NOT NULL AND EXISTS (SELECT FROM pg_roles WHERE rolname = reader_role) THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), reader_role);
    END IF;
END
$bootstrap$;

-- Row-level security (V016) lets a query's own conditions run before a policy's only when their functions are
-- leakproof, which AGE does not declare: without this no index on graph ids serves the read-only role, and a 2-hop
-- neighbourhood scans every edge for each vertex it reaches. Comparing two 64-bit ids reveals nothing and cannot fail.
ALTER FUNCTION ag_catalog.graphid_eq(ag_catalog.graphid, ag_catalog.graphid) LEAKPROOF;
