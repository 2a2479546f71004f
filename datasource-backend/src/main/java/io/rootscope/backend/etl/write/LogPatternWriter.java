package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Upserts log templates into {@code log_pattern} (keyed by fingerprint; the seen range only widens) and their
 * five-minute counts into {@code log_pattern_5m}. Unchanged rows are not rewritten.
 */
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
    // Counts name their template by fingerprint; the join finds its id, which the template upsert made sure exists.
    private static final String UPSERT_COUNTS = """
            INSERT INTO rootscope.log_pattern_5m AS c (bucket, tenant_id, resource_id, pattern_id, count_total, count_error, locator_id)
            SELECT r.bucket, p.tenant_id, r.resource_id, p.pattern_id, r.count_total, r.count_error, r.locator_id
              FROM unnest(?::timestamptz[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
                   AS r (bucket, resource_id, fingerprint, count_total, count_error, locator_id)
              JOIN rootscope.log_pattern p ON p.tenant_id = ? AND p.fingerprint = r.fingerprint
            ON CONFLICT ON CONSTRAINT log_pattern_5m_pk DO UPDATE
               SET count_total = excluded.count_total, count_error = excluded.count_error,
                   locator_id = coalesce(excluded.locator_id, c.locator_id)
             WHERE (c.count_total, c.count_error, c.locator_id)
                   IS DISTINCT FROM (excluded.count_total, excluded.count_error, coalesce(excluded.locator_id, c.locator_id))""";

    private static final String UNKNOWN_FINGERPRINTS = """
            SELECT DISTINCT f FROM unnest(?::text[]) AS f
             WHERE NOT EXISTS (SELECT FROM rootscope.log_pattern p WHERE p.tenant_id = ? AND p.fingerprint = f)
             ORDER BY f""";

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
     * @return the counts inserted or changed
     * @throws IllegalArgumentException when a count names a fingerprint that has no template
     */
    public long upsertCounts(Connection connection, long tenantId, List<LogPatternCountRow> counts) throws SQLException {
        if (counts.isEmpty()) {
            return 0;
        }
        Object[] fingerprints = counts.stream().map(LogPatternCountRow::fingerprint).toArray();
        try (PreparedStatement check = connection.prepareStatement(UNKNOWN_FINGERPRINTS)) {
            check.setArray(1, connection.createArrayOf("text", fingerprints));
            check.setLong(2, tenantId);
            try (ResultSet unknown = check.executeQuery()) {
                if (unknown.next()) {
                    throw new IllegalArgumentException("fingerprint " + unknown.getString(1)
                            + " has no log_pattern of tenant " + tenantId + ": upsert its template first");
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_COUNTS)) {
            statement.setArray(1, connection.createArrayOf("timestamptz", counts.stream().map(c -> c.bucket().toString()).toArray()));
            statement.setArray(2, connection.createArrayOf("bigint", counts.stream().map(LogPatternCountRow::resourceId).toArray()));
            statement.setArray(3, connection.createArrayOf("text", fingerprints));
            statement.setArray(4, connection.createArrayOf("bigint", counts.stream().map(LogPatternCountRow::countTotal).toArray()));
            statement.setArray(5, connection.createArrayOf("bigint", counts.stream().map(LogPatternCountRow::countError).toArray()));
            statement.setArray(6, connection.createArrayOf("bigint", counts.stream().map(LogPatternCountRow::locatorId).toArray()));
            statement.setLong(7, tenantId);
            return statement.executeUpdate();
        }
    }
}
