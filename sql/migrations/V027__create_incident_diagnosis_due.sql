-- A new incident whose diagnosis is due: noted by the detection window that opens the incident, in its transaction, and
-- deleted by the transaction that stores the incident's diagnosis. A replica that dies between the two leaves the note,
-- and another replica's sweep diagnoses the incident (README, Operations).
CREATE TABLE incident_diagnosis_due (
    event_id      uuid        NOT NULL CONSTRAINT incident_diagnosis_due_pk PRIMARY KEY
                              CONSTRAINT incident_diagnosis_due_event_fk REFERENCES event_envelope (event_id) ON DELETE CASCADE,
    tenant_id     bigint      NOT NULL CONSTRAINT incident_diagnosis_due_tenant_fk REFERENCES dim_tenant (tenant_id),
    frontend_urn  text        NOT NULL,
    anomaly_start timestamptz NOT NULL,
    noted_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_diagnosis_due_noted_ix ON incident_diagnosis_due (noted_at);

-- Not read by panels: hidden from the read-only role (row security on, no policy), as the owner still sees it.
ALTER TABLE incident_diagnosis_due ENABLE ROW LEVEL SECURITY;
