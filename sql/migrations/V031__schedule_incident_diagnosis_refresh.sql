-- An incident is diagnosed as soon as it opens, from the first seconds of its anomaly, and again once its whole
-- diagnosis window is stored (the anomaly span, then the ETL's lag): until then its note stays, saying when the next
-- diagnosis is due, so that the stored diagnosis (evidence chain, runbooks, learning, published message) is made from the
-- window the panels show, and a replica that dies before refreshing it leaves it to another's sweep (README, Operations).
ALTER TABLE incident_diagnosis_due ADD COLUMN due_at timestamptz;
UPDATE incident_diagnosis_due SET due_at = noted_at;
ALTER TABLE incident_diagnosis_due ALTER COLUMN due_at SET NOT NULL, ALTER COLUMN due_at SET DEFAULT now();
DROP INDEX incident_diagnosis_due_noted_ix;
CREATE INDEX incident_diagnosis_due_due_ix ON incident_diagnosis_due (due_at);
