-- enable_chunk_row_security (V016) runs on every replica's lifecycle tick, while another replica's retention may drop
-- chunks: a chunk dropped between the catalog read and its cast or ALTER failed the whole call ("relation ... does
-- not exist"). A chunk that is gone needs no row security: skip it.
CREATE OR REPLACE FUNCTION rootscope.enable_chunk_row_security() RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, rootscope
AS $$
DECLARE
    chunk regclass;
    changed integer := 0;
BEGIN
    FOR chunk IN
        SELECT c.oid::regclass
          FROM _timescaledb_catalog.chunk ch
          JOIN _timescaledb_catalog.hypertable h ON h.id = ch.hypertable_id
          JOIN pg_class parent ON parent.oid = to_regclass(format('%I.%I', h.schema_name, h.table_name))
          JOIN pg_class c ON c.oid = to_regclass(format('%I.%I', ch.schema_name, ch.table_name))
         WHERE h.schema_name = 'rootscope' AND parent.relrowsecurity AND NOT c.relrowsecurity AND NOT ch.dropped
    LOOP
        BEGIN
            EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', chunk);
            changed := changed + 1;
        EXCEPTION WHEN undefined_table THEN
            NULL; -- dropped since the catalog read
        END;
    END LOOP;
    RETURN changed;
END
$$;
