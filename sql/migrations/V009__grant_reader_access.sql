-- Read-only access for the query path and for Grafana's PostgreSQL data source: the role named
-- <database owner>_reader (created by the bootstrap), when it exists. Later tables inherit the grant.
DO $grant$
DECLARE
    reader constant text := (SELECT pg_get_userbyid(datdba) || '_reader' FROM pg_database WHERE datname = current_database());
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = reader) THEN
        RAISE NOTICE 'role % does not exist: no read-only access granted', reader;
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA rootscope, ops TO %I', reader);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA rootscope, ops TO %I', reader);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA rootscope GRANT SELECT ON TABLES TO %I', reader);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA rootscope GRANT EXECUTE ON FUNCTIONS TO %I', reader);
END
$grant$;
