-- Incidents and what explains them: events, evidence links, anomaly profiles and stored RCA diagnoses.

-- An event: an anomaly, SLO violation, alert or deployment, open until its time range is closed.
-- dedup_key makes ingestion idempotent (a re-delivered alert updates its event instead of adding one).
CREATE TABLE event_envelope (
    event_id     uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT event_envelope_pk PRIMARY KEY,
    tenant_id    bigint      NOT NULL CONSTRAINT event_envelope_tenant_fk REFERENCES dim_tenant (tenant_id),
    resource_id  bigint CONSTRAINT event_envelope_resource_fk REFERENCES dim_resource (resource_id),
    dedup_key    text        NOT NULL,
    source       text        NOT NULL,
    kind         text        NOT NULL,
    severity     text        NOT NULL,
    status       text        NOT NULL DEFAULT 'open',
    title        text        NOT NULL,
    summary      text,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    detected_at  timestamptz NOT NULL DEFAULT now(),
    labels       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    fingerprints jsonb       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT event_envelope_dedup_uq UNIQUE (tenant_id, dedup_key),
    CONSTRAINT event_envelope_kind_ck CHECK (kind IN ('anomaly', 'slo_violation', 'alert', 'deploy', 'incident', 'change')),
    CONSTRAINT event_envelope_severity_ck CHECK (severity IN ('TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL')),
    CONSTRAINT event_envelope_status_ck CHECK (status IN ('open', 'resolved')),
    CONSTRAINT event_envelope_range_ck CHECK (ended_at IS NULL OR ended_at >= started_at),
    CONSTRAINT event_envelope_resolved_ck CHECK ((status = 'resolved') = (ended_at IS NOT NULL))
);
CREATE INDEX event_envelope_time_ix ON event_envelope (tenant_id, started_at DESC);
CREATE INDEX event_envelope_open_ix ON event_envelope (tenant_id, resource_id) WHERE status = 'open';

-- A piece of evidence for an event: a row of a fact table (ref_pg: {"table": ..., "keys": {...}}) and/or
-- a locator of raw detail. Idempotent by a hash of everything that identifies it (the original design
-- hashed only ref_pg, so two links differing only in locator or dimension collided).
CREATE TABLE evidence_link (
    evidence_id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT evidence_link_pk PRIMARY KEY,
    event_id    uuid   NOT NULL CONSTRAINT evidence_link_event_fk REFERENCES event_envelope (event_id) ON DELETE CASCADE,
    dim         text   NOT NULL,
    ref_pg      jsonb,
    locator_id  bigint CONSTRAINT evidence_link_locator_fk REFERENCES detail_locator (locator_id),
    score       double precision,
    note        text,
    link_hash   text GENERATED ALWAYS AS (md5(
        dim || '|' || coalesce(ref_pg::text, '') || '|' || coalesce(locator_id::text, ''))) STORED,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT evidence_link_dim_ck CHECK (dim IN ('metric', 'log', 'trace', 'topology', 'kb', 'rca', 'event')),
    CONSTRAINT evidence_link_target_ck CHECK (ref_pg IS NOT NULL OR locator_id IS NOT NULL)
);
CREATE UNIQUE INDEX evidence_link_identity_uq ON evidence_link (event_id, link_hash);

-- A stored diagnosis: one run of an RCA method over a window. input_hash identifies the inputs (method,
-- parameters, front-end, window, data version) so an unchanged query reuses the stored result.
CREATE TABLE rca_run (
    run_id               bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT rca_run_pk PRIMARY KEY,
    tenant_id            bigint      NOT NULL CONSTRAINT rca_run_tenant_fk REFERENCES dim_tenant (tenant_id),
    event_id             uuid CONSTRAINT rca_run_event_fk REFERENCES event_envelope (event_id) ON DELETE SET NULL,
    method               text        NOT NULL,
    params               jsonb       NOT NULL DEFAULT '{}'::jsonb,
    frontend_resource_id bigint      NOT NULL CONSTRAINT rca_run_frontend_fk REFERENCES dim_resource (resource_id),
    window_from          timestamptz NOT NULL,
    window_to            timestamptz NOT NULL,
    anomaly_start        timestamptz,
    input_hash           text        NOT NULL,
    status               text        NOT NULL,
    error                text,
    explanation          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    duration_ms          double precision,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rca_run_input_uq UNIQUE (tenant_id, input_hash),
    CONSTRAINT rca_run_status_ck CHECK (status IN ('succeeded', 'failed')),
    CONSTRAINT rca_run_window_ck CHECK (window_from < window_to)
);
CREATE INDEX rca_run_event_ix ON rca_run (event_id, created_at DESC);

-- One ranked candidate root cause of a diagnosis, with its per-metric contributions.
CREATE TABLE rca_candidate (
    run_id        bigint           NOT NULL CONSTRAINT rca_candidate_run_fk REFERENCES rca_run (run_id) ON DELETE CASCADE,
    rank          integer          NOT NULL,
    resource_id   bigint           NOT NULL CONSTRAINT rca_candidate_resource_fk REFERENCES dim_resource (resource_id),
    score         double precision NOT NULL,
    contributions jsonb            NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT rca_candidate_pk PRIMARY KEY (run_id, rank),
    CONSTRAINT rca_candidate_resource_uq UNIQUE (run_id, resource_id),
    CONSTRAINT rca_candidate_rank_ck CHECK (rank >= 1)
);

-- The anomaly profile of an incident as a fixed-size vector (placeholder anomaly_profile_dim), for
-- "similar past incidents" by cosine distance, with the root cause recorded once it is known.
CREATE TABLE anomaly_profile (
    profile_id              bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT anomaly_profile_pk PRIMARY KEY,
    tenant_id               bigint      NOT NULL CONSTRAINT anomaly_profile_tenant_fk REFERENCES dim_tenant (tenant_id),
    event_id                uuid        NOT NULL CONSTRAINT anomaly_profile_event_fk REFERENCES event_envelope (event_id) ON DELETE CASCADE,
    run_id                  bigint CONSTRAINT anomaly_profile_run_fk REFERENCES rca_run (run_id) ON DELETE SET NULL,
    profile                 public.vector(${anomaly_profile_dim}) NOT NULL,
    detail                  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    root_cause_resource_id  bigint CONSTRAINT anomaly_profile_root_cause_fk REFERENCES dim_resource (resource_id),
    created_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT anomaly_profile_event_uq UNIQUE (event_id)
);
CREATE INDEX anomaly_profile_hnsw ON anomaly_profile USING hnsw (profile public.vector_cosine_ops);
