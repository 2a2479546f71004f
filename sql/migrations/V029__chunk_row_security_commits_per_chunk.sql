-- enable_chunk_row_security (V016, V028) ran as a function: all in its caller's one statement, so every chunk's ACCESS
-- EXCLUSIVE lock (taken by ALTER TABLE) was held until it returned. A push or window run that had written a later
-- chunk and then read or wrote an earlier one, which the function held while it waited for the later one, deadlocked
-- with it ("deadlock detected", the failed ETL tick seen with three replicas: every replica's tick calls it among
-- the others' pushes and windows). As a procedure it commits after each chunk: it holds one chunk's lock at a time
-- and waits for nothing while holding one, so it is in no cycle. Called with CALL, outside a transaction block.
DROP FUNCTION rootscope.enable_chunk_row_security();

-- No SET search_path clause (a procedure with one cannot commit): every name is qualified instead.
CREATE PROCEDURE rootscope.enable_chunk_row_security()
LANGUAGE plpgsql
AS $$
DECLARE
    chunk regclass;
BEGIN
    FOR chunk IN
        SELECT c.oid::regclass
          FROM _timescaledb_catalog.chunk ch
          JOIN _timescaledb_catalog.hypertable h ON h.id = ch.hypertable_id
          JOIN pg_catalog.pg_class parent ON parent.oid = pg_catalog.to_regclass(pg_catalog.format('%I.%I', h.schema_name, h.table_name))
          JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(pg_catalog.format('%I.%I', ch.schema_name, ch.table_name))
         WHERE h.schema_name = 'rootscope' AND parent.relrowsecurity AND NOT c.relrowsecurity AND NOT ch.dropped
         ORDER BY ch.id
    LOOP
        BEGIN
            EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', chunk);
        EXCEPTION WHEN undefined_table THEN
            NULL; -- dropped since the catalog read (another replica's retention)
        END;
        COMMIT;
    END LOOP;
END
$$;
