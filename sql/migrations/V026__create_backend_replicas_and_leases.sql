-- Several backends (replicas) on one database. Each replica renews its row every heartbeat; what it claimed is taken
-- over by another once the row is older than the lease, or gone (README, Operations).
CREATE TABLE backend_replica (
    replica_id   text        NOT NULL CONSTRAINT backend_replica_pk PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);

-- Which replica holds a 'running' window. NULL for claims made outside a backend (and before this migration): only
-- their age frees them.
ALTER TABLE etl_job_run ADD COLUMN replica_id text;

-- Work that runs at most once per period across the replicas (a tenant's call-graph refresh, the diagnoses'
-- publisher; tenant_id 0 when the work is not a tenant's). A replica locks the row FOR UPDATE SKIP LOCKED in the
-- transaction doing the work and records the run there, so a replica that dies holds nothing once its connection is
-- gone, and a run is recorded exactly when its work committed.
CREATE TABLE replica_lease (
    lease_name  text        NOT NULL,
    tenant_id   bigint      NOT NULL,
    holder      text,
    last_run_at timestamptz,
    CONSTRAINT replica_lease_pk PRIMARY KEY (lease_name, tenant_id)
);

-- Not tenant data: hidden from the read-only role (row security on, no policy), as the owner still sees it.
ALTER TABLE backend_replica ENABLE ROW LEVEL SECURITY;
ALTER TABLE replica_lease ENABLE ROW LEVEL SECURITY;
