-- Panel queries no longer store diagnoses: an ad-hoc diagnosis (a front-end over a panel range) lives in the backend's
-- bounded memory cache, and rca_run holds only incidents' diagnoses. The runs that panels stored before — one per
-- refresh of a moving range — are dropped here (their candidates go with them: ON DELETE CASCADE); no evidence link
-- or anomaly profile refers to them, as they belong to no incident.
DELETE FROM rootscope.rca_run WHERE event_id IS NULL;
