-- Bookkeeping of the windowed ETL.

-- One execution of an ETL job over one window for one tenant. The unique key gives exactly-once
-- processing: a window is claimed by inserting its row, and a succeeded row is never processed again.
CREATE TABLE etl_job_run (
    run_id       bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT etl_job_run_pk PRIMARY KEY,
    job          text        NOT NULL,
    tenant_id    bigint      NOT NULL CONSTRAINT etl_job_run_tenant_fk REFERENCES dim_tenant (tenant_id),
    window_from  timestamptz NOT NULL,
    window_to    timestamptz NOT NULL,
    status       text        NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    rows_written bigint      NOT NULL DEFAULT 0,
    rows_rejected bigint     NOT NULL DEFAULT 0,
    last_error   text,
    next_attempt_at timestamptz,
    started_at   timestamptz,
    finished_at  timestamptz,
    CONSTRAINT etl_job_run_window_uq UNIQUE (job, tenant_id, window_from),
    CONSTRAINT etl_job_run_status_ck CHECK (status IN ('running', 'succeeded', 'failed', 'retrying')),
    CONSTRAINT etl_job_run_window_ck CHECK (window_from < window_to)
);
CREATE INDEX etl_job_run_pending_ix ON etl_job_run (next_attempt_at) WHERE status IN ('failed', 'retrying');

-- The circuit breaker of one ETL source: opened after repeated failures, half-open after a cool-down.
CREATE TABLE etl_job_circuit (
    source          text        NOT NULL CONSTRAINT etl_job_circuit_pk PRIMARY KEY,
    state           text        NOT NULL DEFAULT 'closed',
    failure_count   integer     NOT NULL DEFAULT 0,
    opened_at       timestamptz,
    retry_after     timestamptz,
    last_error      text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT etl_job_circuit_state_ck CHECK (state IN ('closed', 'open', 'half_open'))
);
