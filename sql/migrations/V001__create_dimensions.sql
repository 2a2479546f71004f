-- Dimensions every fact table points at: tenants, resources and the locators of raw detail kept elsewhere.
-- Extensions are created by the bootstrap (sql/bootstrap/prepare_database.sql) as a superuser; here only
-- missing ones are created, which succeeds when the migrating role is a superuser and otherwise fails naming it.
DO $extensions$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['timescaledb', 'age', 'vector', 'btree_gist', 'pg_trgm'] LOOP
        IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = name) THEN
            EXECUTE format('CREATE EXTENSION %I', name);
        END IF;
    END LOOP;
END
$extensions$;

-- A tenant: an isolated organisation or environment; every row of every fact table belongs to one.
CREATE TABLE dim_tenant (
    tenant_id  bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT dim_tenant_pk PRIMARY KEY,
    code       text        NOT NULL CONSTRAINT dim_tenant_code_uq UNIQUE,
    name       text        NOT NULL,
    labels     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dim_tenant_code_ck CHECK (code ~ '^[a-z0-9][a-z0-9_-]*$')
);

INSERT INTO dim_tenant (code, name) VALUES ('default', 'Default tenant');

-- A resource: anything observed (service, pod, host, database, network device), named by a URN such as
-- urn:k8s:svc:ns/name or urn:host:name. The URN is unique within a tenant (the original design made it
-- globally unique, which made two tenants with the same service collide).
CREATE TABLE dim_resource (
    resource_id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT dim_resource_pk PRIMARY KEY,
    tenant_id   bigint      NOT NULL CONSTRAINT dim_resource_tenant_fk REFERENCES dim_tenant (tenant_id),
    urn         text        NOT NULL,
    type        text        NOT NULL,
    name        text        NOT NULL,
    env         text,
    region      text,
    zone        text,
    labels      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dim_resource_urn_uq UNIQUE (tenant_id, urn),
    CONSTRAINT dim_resource_urn_ck CHECK (urn ~ '^urn:[a-z0-9]+(:[^:\s]+)+$')
);
CREATE INDEX dim_resource_type_ix ON dim_resource (tenant_id, type);
CREATE INDEX dim_resource_labels_gin ON dim_resource USING gin (labels);
CREATE INDEX dim_resource_urn_trgm ON dim_resource USING gin (urn public.gin_trgm_ops);

-- A locator: where the raw detail behind an aggregate or a piece of evidence lives and how to fetch it —
-- a Prometheus/Loki/Tempo/OpenObserve query over a time window, or an object key in a bucket.
-- Generalises the original OpenObserve-only locator.
CREATE TABLE detail_locator (
    locator_id  bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT detail_locator_pk PRIMARY KEY,
    tenant_id   bigint      NOT NULL CONSTRAINT detail_locator_tenant_fk REFERENCES dim_tenant (tenant_id),
    backend     text        NOT NULL,
    dataset     text        NOT NULL,
    query       text,
    bucket      text,
    object_key  text,
    t_from      timestamptz NOT NULL,
    t_to        timestamptz NOT NULL,
    query_hint  text,
    attributes  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT detail_locator_backend_ck
        CHECK (backend IN ('prometheus', 'loki', 'tempo', 'openobserve', 'object_store', 'postgres')),
    CONSTRAINT detail_locator_dataset_ck CHECK (dataset IN ('metrics', 'logs', 'traces', 'events', 'topology')),
    CONSTRAINT detail_locator_target_ck CHECK (query IS NOT NULL OR object_key IS NOT NULL),
    CONSTRAINT detail_locator_window_ck CHECK (t_from <= t_to)
);
-- Identity of a locator, so that re-running an ETL window reuses it instead of adding a twin
-- (queries are hashed: they can exceed a btree entry).
CREATE UNIQUE INDEX detail_locator_identity_uq ON detail_locator
    (tenant_id, backend, dataset, md5(coalesce(query, '')), md5(coalesce(bucket, '') || '/' || coalesce(object_key, '')), t_from, t_to);
CREATE INDEX detail_locator_window_ix ON detail_locator (tenant_id, dataset, t_from, t_to);
