-- Five-minute buckets of staged telemetry (span_call, log_event) holding rows not yet folded into their aggregates.
-- Every push notes the buckets it staged into, in its own transaction; an aggregation run deletes the notes of the
-- buckets it recomputes before it reads them. A note left behind therefore means rows committed after their
-- bucket's last aggregation read it (late data, or a push racing the run): the ETL scheduler claims such notes with
-- FOR UPDATE SKIP LOCKED and recomputes their buckets in the transaction that deletes them, so a crash leaves the note
-- for a retry, several backends never take one note twice, and a bucket is recomputed whole (idempotent upsert).
-- Pushes upsert their notes (DO UPDATE, which row-locks them) so that a run's delete waits for a push in flight.

CREATE TABLE pending_bucket (
    tenant_id    bigint      NOT NULL CONSTRAINT pending_bucket_tenant_fk REFERENCES dim_tenant (tenant_id),
    staged_table text        NOT NULL,
    bucket       timestamptz NOT NULL,
    noted_at     timestamptz NOT NULL,
    CONSTRAINT pending_bucket_pk PRIMARY KEY (tenant_id, staged_table, bucket),
    CONSTRAINT pending_bucket_table_ck CHECK (staged_table IN ('span_call', 'log_event'))
);

-- Like every tenant table the reader role can read (V016): a session sees its own tenant's rows only.
ALTER TABLE pending_bucket ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pending_bucket FOR SELECT USING (tenant_id = (SELECT rootscope.current_tenant_id()));
