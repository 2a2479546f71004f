-- Confirmed root causes and what the diagnosis learns from them (AutoMAP's metric-type weights, Ma et al., WWW 2020).

-- A root cause confirmed for an incident: by an operator (POST /incidents/{id}/root-cause, the RCA workbench) or by a
-- resolved Grafana alert carrying a root_cause label. Every confirmation is kept; the latest (highest
-- confirmation_id) is the incident's confirmed cause.
CREATE TABLE root_cause_confirmation (
    confirmation_id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT root_cause_confirmation_pk PRIMARY KEY,
    tenant_id       bigint      NOT NULL CONSTRAINT root_cause_confirmation_tenant_fk REFERENCES dim_tenant (tenant_id),
    event_id        uuid        NOT NULL CONSTRAINT root_cause_confirmation_event_fk REFERENCES event_envelope (event_id) ON DELETE CASCADE,
    resource_id     bigint      NOT NULL CONSTRAINT root_cause_confirmation_resource_fk REFERENCES dim_resource (resource_id),
    confirmed_by    text        NOT NULL,
    note            text,
    source          text        NOT NULL,
    confirmed_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT root_cause_confirmation_source_ck CHECK (source IN ('api', 'grafana_alert'))
);
CREATE INDEX root_cause_confirmation_event_ix ON root_cause_confirmation (event_id, confirmation_id DESC);

-- What an incident's latest confirmation taught the method that diagnosed it: the window's anomaly profile and each
-- metric type's precision on it (analytics' Lesson, as JSON). One per incident and method, replaced by a later
-- confirmation. revision comes from one sequence, so a tenant's (max revision, count) of a method moves with every
-- lesson written, replaced or deleted: the version a backend compares before reusing the lessons it holds in memory.
CREATE SEQUENCE learned_lesson_revision_seq;
CREATE TABLE learned_lesson (
    tenant_id       bigint NOT NULL CONSTRAINT learned_lesson_tenant_fk REFERENCES dim_tenant (tenant_id),
    method          text   NOT NULL,
    event_id        uuid   NOT NULL CONSTRAINT learned_lesson_event_fk REFERENCES event_envelope (event_id) ON DELETE CASCADE,
    confirmation_id bigint NOT NULL CONSTRAINT learned_lesson_confirmation_fk REFERENCES root_cause_confirmation (confirmation_id) ON DELETE CASCADE,
    lesson          jsonb  NOT NULL,
    revision        bigint NOT NULL DEFAULT nextval('learned_lesson_revision_seq'),
    CONSTRAINT learned_lesson_pk PRIMARY KEY (tenant_id, method, event_id)
);
CREATE INDEX learned_lesson_revision_ix ON learned_lesson (tenant_id, method, revision DESC);

-- Which learning a stored diagnosis used: the version of its tenant's lessons for its method (0 and 0: none).
ALTER TABLE rca_run
    ADD COLUMN learning_revision bigint  NOT NULL DEFAULT 0,
    ADD COLUMN learned_lessons   integer NOT NULL DEFAULT 0;

-- Like every tenant table the reader role can read (V016): a session sees its own tenant's rows only.
ALTER TABLE root_cause_confirmation ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON root_cause_confirmation FOR SELECT USING (tenant_id = (SELECT rootscope.current_tenant_id()));
ALTER TABLE learned_lesson ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON learned_lesson FOR SELECT USING (tenant_id = (SELECT rootscope.current_tenant_id()));
