package io.rootscope.backend.etl.write;

import io.rootscope.analytics.logs.LogTemplate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Upserts log templates into {@code log_pattern}, keyed by fingerprint; the seen range only widens, so unchanged
 * rows are not rewritten. Reads them back to restore Drain's tree; locks a tenant's templates and reads their revision.
 */
// JDBC: bulk writes (unnest upserts) on the push's transaction, with its advisory lock (db/package-info).
public final class LogPatternWriter {

    private static final String UPSERT_TEMPLATES = """
            INSERT INTO rootscope.log_pattern AS p (tenant_id, fingerprint, pattern, sample_message, severity, first_seen, last_seen)
            SELECT ?, r.fingerprint, r.pattern, r.sample_message, r.severity, r.first_seen, r.last_seen
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
                   AS r (fingerprint, pattern, sample_message, severity, first_seen, last_seen)
            ON CONFLICT ON CONSTRAINT log_pattern_fingerprint_uq DO UPDATE
               SET first_seen = least(p.first_seen, excluded.first_seen),
                   last_seen = greatest(p.last_seen, excluded.last_seen)
             WHERE excluded.first_seen < p.first_seen OR excluded.last_seen > p.last_seen""";
    private static final String LOCK_TENANT_TEMPLATES = "SELECT pg_advisory_xact_lock(hashtextextended('rootscope.log_pattern', ?))";
    private static final String TEMPLATE_REVISION = "SELECT coalesce((SELECT revision FROM rootscope.log_template_revision WHERE tenant_id = ?), 0)";
    private static final String STORED = """
            SELECT fingerprint, pattern FROM rootscope.log_pattern WHERE tenant_id = ? ORDER BY pattern_id""";

    /** Takes the tenant's templates for the caller's transaction: one push of a tenant mines and stores at a time, across backends. */
    public void lockTenant(Connection connection, long tenantId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_TENANT_TEMPLATES)) {
            lock.setLong(1, tenantId);
            lock.execute();
        }
    }

    /** The revision of the tenant's templates (V014): it moves with every change to them, 0 before the first. */
    public long revision(Connection connection, long tenantId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TEMPLATE_REVISION)) {
            statement.setLong(1, tenantId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** @return the templates inserted or widened */
    public long upsertTemplates(Connection connection, long tenantId, List<LogTemplateRow> templates) throws SQLException {
        if (templates.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_TEMPLATES)) {
            statement.setLong(1, tenantId);
            statement.setArray(2, connection.createArrayOf("text", templates.stream().map(LogTemplateRow::fingerprint).toArray()));
            statement.setArray(3, connection.createArrayOf("text", templates.stream().map(LogTemplateRow::pattern).toArray()));
            statement.setArray(4, connection.createArrayOf("text", templates.stream().map(LogTemplateRow::sampleMessage).toArray()));
            statement.setArray(5, connection.createArrayOf("text", templates.stream().map(LogTemplateRow::severity).toArray()));
            statement.setArray(6, connection.createArrayOf("timestamptz", templates.stream().map(t -> t.firstSeen().toString()).toArray()));
            statement.setArray(7, connection.createArrayOf("timestamptz", templates.stream().map(t -> t.lastSeen().toString()).toArray()));
            return statement.executeUpdate();
        }
    }

    /**
     * The tenant's templates in the order their patterns were founded (a generalised pattern keeps its place);
     * rows whose fingerprint is not that of their text were not mined by Drain and are left out.
     */
    public List<LogTemplate> storedTemplates(Connection connection, long tenantId) throws SQLException {
        List<LogTemplate> templates = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(STORED)) {
            statement.setLong(1, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    LogTemplate template = LogTemplate.of(rows.getString(2));
                    if (template.fingerprintHex().equals(rows.getString(1))) {
                        templates.add(template);
                    }
                }
            }
        }
        return templates;
    }
}
