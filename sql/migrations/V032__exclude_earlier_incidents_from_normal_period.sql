-- An incident's diagnosis compares its anomaly with a normal period that leaves out the tenant's earlier incidents
-- (README, Operations): a fault just before, or the first alarm of the same outage closed since, is not "normal".
-- The run keeps the times it left out, so that what it is re-read for (a confirmed root cause's lesson) is the same
-- window: an array of {"from": ..., "to": ...} objects, ISO-8601 instants, in time order.
ALTER TABLE rca_run ADD COLUMN normal_excluded jsonb NOT NULL DEFAULT '[]'::jsonb
    CONSTRAINT rca_run_normal_excluded_ck CHECK (jsonb_typeof(normal_excluded) = 'array');

-- Incidents that ended in a time range, per tenant: the earlier incidents a normal period leaves out.
CREATE INDEX event_envelope_ended_ix ON event_envelope (tenant_id, ended_at) WHERE ended_at IS NOT NULL;
