package io.rootscope.backend.etl.write;

import io.rootscope.analytics.logs.TemplateGeneralisation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Keeps a log group's identity when Drain generalises its template: the {@code log_pattern} row (its
 * {@code pattern_id}, which staged events, five-minute counts and evidence refer to) moves to the new template's
 * text and fingerprint. If a row of the new template already exists — a split stored before generalisations were
 * followed, folded by {@code DrainTemplateMiner.restore} — the old row is merged into it: its events, counts
 * (summed per bucket and resource) and evidence links move over, its seen range widens the target's, and it is
 * deleted. Runs in the caller's transaction; every statement is scoped to the tenant; a generalisation whose old
 * template is not stored (already applied) does nothing, so applying one twice is harmless.
 */
// JDBC: bulk writes: a push's generalised templates on its transaction (db/package-info).
public final class LogPatternGeneraliser {

    /** What {@link #apply} did. */
    public record Outcome(int renamed, int merged) {
    }

    private static final String RENAME = """
            UPDATE rootscope.log_pattern SET fingerprint = ?, pattern = ?
             WHERE tenant_id = ? AND fingerprint = ?
               AND NOT EXISTS (SELECT 1 FROM rootscope.log_pattern WHERE tenant_id = ? AND fingerprint = ?)""";
    private static final String PAIR = """
            SELECT f.pattern_id, t.pattern_id
              FROM rootscope.log_pattern f JOIN rootscope.log_pattern t ON t.tenant_id = f.tenant_id AND t.fingerprint = ?
             WHERE f.tenant_id = ? AND f.fingerprint = ?""";
    /** The merge of a source row into a target row, every statement bound to (target, tenant, source) as {@code m}. */
    private static final String MERGE_PARAMETERS = "WITH m AS (SELECT ?::bigint AS target, ?::bigint AS tenant_id, ?::bigint AS source)\n";
    private static final List<String> MERGE = List.of("""
            UPDATE rootscope.log_event l SET pattern_id = m.target FROM m
             WHERE l.tenant_id = m.tenant_id AND l.pattern_id = m.source""", """
            INSERT INTO rootscope.log_pattern_5m AS c (bucket, tenant_id, resource_id, pattern_id, count_total, count_error, locator_id)
            SELECT s.bucket, s.tenant_id, s.resource_id, m.target, s.count_total, s.count_error, s.locator_id
              FROM rootscope.log_pattern_5m s JOIN m ON s.tenant_id = m.tenant_id AND s.pattern_id = m.source
            ON CONFLICT ON CONSTRAINT log_pattern_5m_pk DO UPDATE
               SET count_total = c.count_total + excluded.count_total, count_error = c.count_error + excluded.count_error,
                   locator_id = coalesce(c.locator_id, excluded.locator_id)""", """
            DELETE FROM rootscope.log_pattern_5m s USING m WHERE s.tenant_id = m.tenant_id AND s.pattern_id = m.source""",
            // A link to the source that would duplicate one to the target is dropped with the source below.
            """
            UPDATE rootscope.evidence_link l SET ref_pg = jsonb_set(l.ref_pg, '{pattern_id}', to_jsonb(m.target))
              FROM m, rootscope.event_envelope e
             WHERE e.event_id = l.event_id AND e.tenant_id = m.tenant_id
               AND l.ref_pg ->> 'table' = 'log_pattern' AND l.ref_pg ->> 'pattern_id' = m.source::text
               AND NOT EXISTS (SELECT 1 FROM rootscope.evidence_link d
                                WHERE d.event_id = l.event_id AND d.dim = l.dim AND d.locator_id IS NOT DISTINCT FROM l.locator_id
                                  AND d.ref_pg = jsonb_set(l.ref_pg, '{pattern_id}', to_jsonb(m.target)))""", """
            DELETE FROM rootscope.evidence_link l USING m, rootscope.event_envelope e
             WHERE e.event_id = l.event_id AND e.tenant_id = m.tenant_id
               AND l.ref_pg ->> 'table' = 'log_pattern' AND l.ref_pg ->> 'pattern_id' = m.source::text""", """
            UPDATE rootscope.log_pattern t SET first_seen = least(t.first_seen, s.first_seen), last_seen = greatest(t.last_seen, s.last_seen)
              FROM m, rootscope.log_pattern s
             WHERE t.pattern_id = m.target AND t.tenant_id = m.tenant_id AND s.pattern_id = m.source AND s.tenant_id = m.tenant_id""", """
            DELETE FROM rootscope.log_pattern p USING m WHERE p.tenant_id = m.tenant_id AND p.pattern_id = m.source""");

    /** Applies the generalisations in order, a later one seeing what the earlier ones did. */
    public Outcome apply(Connection connection, long tenantId, List<TemplateGeneralisation> generalisations) throws SQLException {
        int renamed = 0;
        int merged = 0;
        for (TemplateGeneralisation generalisation : generalisations) {
            String from = generalisation.from().fingerprintHex();
            String to = generalisation.to().fingerprintHex();
            if (rename(connection, tenantId, from, to, generalisation.to().text())) {
                renamed++;
            } else if (merge(connection, tenantId, from, to)) {
                merged++;
            }
        }
        return new Outcome(renamed, merged);
    }

    private static boolean rename(Connection connection, long tenantId, String from, String to, String text) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RENAME)) {
            statement.setString(1, to);
            statement.setString(2, text);
            statement.setLong(3, tenantId);
            statement.setString(4, from);
            statement.setLong(5, tenantId);
            statement.setString(6, to);
            return statement.executeUpdate() == 1;
        }
    }

    /** Merges the row of {@code from} into that of {@code to}; false when either is not stored. */
    private static boolean merge(Connection connection, long tenantId, String from, String to) throws SQLException {
        long source;
        long target;
        try (PreparedStatement pair = connection.prepareStatement(PAIR)) {
            pair.setString(1, to);
            pair.setLong(2, tenantId);
            pair.setString(3, from);
            try (ResultSet rows = pair.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
                source = rows.getLong(1);
                target = rows.getLong(2);
            }
        }
        for (String sql : MERGE) {
            try (PreparedStatement statement = connection.prepareStatement(MERGE_PARAMETERS + sql)) {
                statement.setLong(1, target);
                statement.setLong(2, tenantId);
                statement.setLong(3, source);
                statement.executeUpdate();
            }
        }
        return true;
    }
}
