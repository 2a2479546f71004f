-- The indexes of pushed_sample cost most of the PostgreSQL CPU of a remote write (a profile of its COPY: three quarters in
-- B-tree inserts). Two changes, the reads and the once-per-(series, time) guarantee unchanged:
--
-- create_hypertable (V022) gave the table TimescaleDB's default index on ts alone, besides the primary key. Every read
-- of pushed samples names the series (PushedSampleReader, the derivation's locator query), which the primary key
-- serves; a time range alone is served by chunk exclusion. That index only cost every sample one more insertion.
DROP INDEX rootscope.pushed_sample_ts_idx;

-- A series id is unique over all tenants (pushed_series' identity) and belongs to one tenant, so (series_id, ts) is
-- as unique as (tenant_id, series_id, ts): the tenant leading the key only made each comparison of the insert's descent
-- compare one column more, and each entry 8 bytes bigger. Same name, so ON CONFLICT ON CONSTRAINT still finds it.
ALTER TABLE pushed_sample DROP CONSTRAINT pushed_sample_pk;
ALTER TABLE pushed_sample ADD CONSTRAINT pushed_sample_pk PRIMARY KEY (series_id, ts);
