-- Service calls from traces and log-pattern counts from logs.

-- Five-minute statistics of calls from one service to another, derived from parent/child spans.
CREATE TABLE service_call_5m (
    bucket          timestamptz      NOT NULL,
    tenant_id       bigint           NOT NULL CONSTRAINT service_call_5m_tenant_fk REFERENCES dim_tenant (tenant_id),
    src_resource_id bigint           NOT NULL CONSTRAINT service_call_5m_src_fk REFERENCES dim_resource (resource_id),
    dst_resource_id bigint           NOT NULL CONSTRAINT service_call_5m_dst_fk REFERENCES dim_resource (resource_id),
    call_count      bigint           NOT NULL,
    rps             double precision NOT NULL,
    err_rate        double precision NOT NULL,
    p50_ms          double precision NOT NULL,
    p95_ms          double precision NOT NULL,
    locator_id      bigint CONSTRAINT service_call_5m_locator_fk REFERENCES detail_locator (locator_id),
    CONSTRAINT service_call_5m_pk PRIMARY KEY (tenant_id, src_resource_id, dst_resource_id, bucket),
    CONSTRAINT service_call_5m_err_rate_ck CHECK (err_rate BETWEEN 0 AND 1),
    CONSTRAINT service_call_5m_bucket_ck CHECK (date_part('epoch', bucket)::bigint % 300 = 0)
);
SELECT public.create_hypertable('service_call_5m', public.by_range('bucket', interval '30 days'));
CREATE INDEX service_call_5m_dst_ix ON service_call_5m (tenant_id, dst_resource_id, bucket DESC);

-- A log template mined by Drain: variables masked, identified by a fingerprint that is stable across
-- runs (the original design used a serial number, so the same template got a new id on every load).
CREATE TABLE log_pattern (
    pattern_id     bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT log_pattern_pk PRIMARY KEY,
    tenant_id      bigint      NOT NULL CONSTRAINT log_pattern_tenant_fk REFERENCES dim_tenant (tenant_id),
    fingerprint    text        NOT NULL,
    pattern        text        NOT NULL,
    sample_message text,
    severity       text        NOT NULL,
    first_seen     timestamptz NOT NULL,
    last_seen      timestamptz NOT NULL,
    CONSTRAINT log_pattern_fingerprint_uq UNIQUE (tenant_id, fingerprint),
    CONSTRAINT log_pattern_severity_ck CHECK (severity IN ('TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL')),
    CONSTRAINT log_pattern_seen_ck CHECK (first_seen <= last_seen)
);
CREATE INDEX log_pattern_pattern_trgm ON log_pattern USING gin (pattern public.gin_trgm_ops);

-- Five-minute counts of one log pattern on one resource.
CREATE TABLE log_pattern_5m (
    bucket      timestamptz NOT NULL,
    tenant_id   bigint      NOT NULL CONSTRAINT log_pattern_5m_tenant_fk REFERENCES dim_tenant (tenant_id),
    resource_id bigint      NOT NULL CONSTRAINT log_pattern_5m_resource_fk REFERENCES dim_resource (resource_id),
    pattern_id  bigint      NOT NULL CONSTRAINT log_pattern_5m_pattern_fk REFERENCES log_pattern (pattern_id),
    count_total bigint      NOT NULL,
    count_error bigint      NOT NULL DEFAULT 0,
    locator_id  bigint CONSTRAINT log_pattern_5m_locator_fk REFERENCES detail_locator (locator_id),
    CONSTRAINT log_pattern_5m_pk PRIMARY KEY (tenant_id, resource_id, pattern_id, bucket),
    CONSTRAINT log_pattern_5m_counts_ck CHECK (count_error BETWEEN 0 AND count_total),
    CONSTRAINT log_pattern_5m_bucket_ck CHECK (date_part('epoch', bucket)::bigint % 300 = 0)
);
SELECT public.create_hypertable('log_pattern_5m', public.by_range('bucket', interval '30 days'));
CREATE INDEX log_pattern_5m_pattern_ix ON log_pattern_5m (tenant_id, pattern_id, bucket DESC);
