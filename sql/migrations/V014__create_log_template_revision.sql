-- Revision of a tenant's log templates, bumped like V013's revisions whenever a log_pattern row is added, removed or
-- re-templated (a seen range widening is not a change of template). A backend keeps each tenant's Drain tree in memory
-- between pushes; when another backend changed the tenant's templates since, it rebuilds the tree from log_pattern, so
-- several backends taking one tenant's logs mine one set of groups.

CREATE TABLE log_template_revision (
    tenant_id bigint NOT NULL CONSTRAINT log_template_revision_pk PRIMARY KEY,
    revision  bigint NOT NULL
);

CREATE FUNCTION rootscope.bump_log_template_revision() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, rootscope
AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE rootscope.log_template_revision SET revision = nextval('rootscope.data_revision_seq');
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO rootscope.log_template_revision AS r (tenant_id, revision)
        SELECT tenant_id, nextval('rootscope.data_revision_seq') FROM (SELECT DISTINCT tenant_id FROM new_rows) changed
        ON CONFLICT ON CONSTRAINT log_template_revision_pk DO UPDATE SET revision = excluded.revision;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO rootscope.log_template_revision AS r (tenant_id, revision)
        SELECT tenant_id, nextval('rootscope.data_revision_seq')
          FROM (SELECT DISTINCT n.tenant_id FROM new_rows n JOIN old_rows o USING (pattern_id)
                 WHERE n.fingerprint IS DISTINCT FROM o.fingerprint OR n.tenant_id IS DISTINCT FROM o.tenant_id) changed
        ON CONFLICT ON CONSTRAINT log_template_revision_pk DO UPDATE SET revision = excluded.revision;
    ELSE
        INSERT INTO rootscope.log_template_revision AS r (tenant_id, revision)
        SELECT tenant_id, nextval('rootscope.data_revision_seq') FROM (SELECT DISTINCT tenant_id FROM old_rows) changed
        ON CONFLICT ON CONSTRAINT log_template_revision_pk DO UPDATE SET revision = excluded.revision;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER log_pattern_insert_revision AFTER INSERT ON log_pattern
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_log_template_revision();
CREATE TRIGGER log_pattern_update_revision AFTER UPDATE ON log_pattern
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_log_template_revision();
CREATE TRIGGER log_pattern_delete_revision AFTER DELETE ON log_pattern
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_log_template_revision();
CREATE TRIGGER log_pattern_truncate_revision AFTER TRUNCATE ON log_pattern
    FOR EACH STATEMENT EXECUTE FUNCTION rootscope.bump_log_template_revision();
