-- The diagnosis reads log events and spans too (DiagnosisWindowLoader), so a stored diagnosis may be reused only while
-- the log events and spans of its window are unchanged, as for its metrics. The same revisions as V013's metric tables
-- (tenant, table, UTC minute), bumped by the same statement triggers in the writing transaction: a push's rows move
-- the minutes they fall in; a span delivered again and skipped by ON CONFLICT DO NOTHING is no change; log events
-- moved to another template row (LogPatternGeneraliser) are an update of their minutes.
ALTER TABLE metric_revision DROP CONSTRAINT metric_revision_source_ck;
ALTER TABLE metric_revision ADD CONSTRAINT metric_revision_source_ck
    CHECK (source IN ('metric_sample', 'metric_1m', 'log_event', 'trace_span'));

CREATE TRIGGER log_event_insert_revision AFTER INSERT ON log_event
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');
CREATE TRIGGER log_event_update_revision AFTER UPDATE ON log_event
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');
CREATE TRIGGER log_event_delete_revision AFTER DELETE ON log_event
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');
CREATE TRIGGER log_event_truncate_revision AFTER TRUNCATE ON log_event
    FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');

CREATE TRIGGER trace_span_insert_revision AFTER INSERT ON trace_span
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');
CREATE TRIGGER trace_span_update_revision AFTER UPDATE ON trace_span
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');
CREATE TRIGGER trace_span_delete_revision AFTER DELETE ON trace_span
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');
CREATE TRIGGER trace_span_truncate_revision AFTER TRUNCATE ON trace_span
    FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_metric_revision('ts');

-- The minutes already holding log events or spans (at most the two days staged rows are kept) get a revision now, so a
-- window written before this migration is seen to hold them.
INSERT INTO metric_revision (tenant_id, source, minute, revision)
SELECT tenant_id, source, minute, nextval('data_revision_seq')
  FROM (SELECT DISTINCT tenant_id, 'log_event' AS source, public.time_bucket(interval '1 minute', ts) AS minute FROM log_event
        UNION
        SELECT DISTINCT tenant_id, 'trace_span', public.time_bucket(interval '1 minute', ts) FROM trace_span) written
 ORDER BY tenant_id, source, minute
ON CONFLICT ON CONSTRAINT metric_revision_pk DO NOTHING;
