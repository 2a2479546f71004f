package io.rootscope.backend.rca;

import io.rootscope.backend.testing.Rows;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** A fingerprint of everything an incident's diagnosis stored: its runs, their candidates, its anomaly profile, its evidence. */
final class IncidentDiagnosisState {

    private IncidentDiagnosisState() {
    }

    static String of(DataSource db, UUID eventId) throws SQLException {
        return Rows.single(db, """
                SELECT concat_ws(' | ',
                  (SELECT 'runs ' || count(*) || ' ' || coalesce(string_agg(run_id || ':' || input_hash, ',' ORDER BY run_id), '')
                     FROM rca_run WHERE event_id = '%1$s'),
                  (SELECT 'candidates ' || count(*) || ' ' || coalesce(md5(string_agg(c.run_id || '/' || c.rank || '/' || c.score || '/'
                          || c.contributions::text, ',' ORDER BY c.run_id, c.rank)), '')
                     FROM rca_candidate c JOIN rca_run r ON r.run_id = c.run_id WHERE r.event_id = '%1$s'),
                  (SELECT 'profile ' || count(*) || ' ' || coalesce(string_agg(md5(profile::text || detail::text) || ':' || coalesce(run_id::text, '-'), ','), '')
                     FROM anomaly_profile WHERE event_id = '%1$s'),
                  (SELECT 'evidence ' || count(*) || ' ' || coalesce(md5(string_agg(evidence_id || ':' || link_hash, ',' ORDER BY evidence_id)), '')
                     FROM evidence_link WHERE event_id = '%1$s'))""".formatted(eventId));
    }
}
