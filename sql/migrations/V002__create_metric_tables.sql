-- Metric facts. Retention and rollups are configured in V008 according to the TimescaleDB license.

-- A raw-resolution sample of one metric of one resource: kept only for short RCA windows.
-- The primary key makes re-running an ETL window idempotent (the original design had none).
CREATE TABLE metric_sample (
    ts          timestamptz      NOT NULL,
    tenant_id   bigint           NOT NULL CONSTRAINT metric_sample_tenant_fk REFERENCES dim_tenant (tenant_id),
    resource_id bigint           NOT NULL CONSTRAINT metric_sample_resource_fk REFERENCES dim_resource (resource_id),
    metric      text             NOT NULL,
    value       double precision NOT NULL,
    CONSTRAINT metric_sample_pk PRIMARY KEY (tenant_id, resource_id, metric, ts)
);
SELECT public.create_hypertable('metric_sample', public.by_range('ts', interval '1 day'));

-- A one-minute aggregate of one metric of one resource: average, maximum and 95th percentile.
CREATE TABLE metric_1m (
    bucket       timestamptz      NOT NULL,
    tenant_id    bigint           NOT NULL CONSTRAINT metric_1m_tenant_fk REFERENCES dim_tenant (tenant_id),
    resource_id  bigint           NOT NULL CONSTRAINT metric_1m_resource_fk REFERENCES dim_resource (resource_id),
    metric       text             NOT NULL,
    avg_val      double precision NOT NULL,
    max_val      double precision NOT NULL,
    p95_val      double precision NOT NULL,
    sample_count integer          NOT NULL,
    locator_id   bigint CONSTRAINT metric_1m_locator_fk REFERENCES detail_locator (locator_id),
    labels       jsonb            NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT metric_1m_pk PRIMARY KEY (tenant_id, resource_id, metric, bucket),
    CONSTRAINT metric_1m_bucket_ck CHECK (bucket = date_trunc('minute', bucket)),
    CONSTRAINT metric_1m_count_ck CHECK (sample_count > 0)
);
SELECT public.create_hypertable('metric_1m', public.by_range('bucket', interval '7 days'));
CREATE INDEX metric_1m_metric_ix ON metric_1m (tenant_id, metric, bucket DESC);
