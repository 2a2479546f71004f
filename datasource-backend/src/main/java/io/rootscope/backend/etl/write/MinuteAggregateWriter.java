package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Upserts minute aggregates computed outside the database into {@code metric_1m}, in one statement over arrays.
 * A row whose values are unchanged is not rewritten, so re-running a window changes nothing.
 */
public final class MinuteAggregateWriter {

    private static final String UPSERT = """
            INSERT INTO rootscope.metric_1m AS m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val,
                                                  sample_count, locator_id)
            SELECT r.bucket, ?, r.resource_id, r.metric, r.avg_val, r.max_val, r.p95_val, r.sample_count, r.locator_id
              FROM unnest(?::timestamptz[], ?::bigint[], ?::text[], ?::float8[], ?::float8[], ?::float8[], ?::int[],
                          ?::bigint[]) AS r (bucket, resource_id, metric, avg_val, max_val, p95_val, sample_count, locator_id)
            ON CONFLICT ON CONSTRAINT metric_1m_pk DO UPDATE
               SET avg_val = excluded.avg_val, max_val = excluded.max_val, p95_val = excluded.p95_val,
                   sample_count = excluded.sample_count, locator_id = coalesce(excluded.locator_id, m.locator_id)
             WHERE (m.avg_val, m.max_val, m.p95_val, m.sample_count, m.locator_id)
                   IS DISTINCT FROM (excluded.avg_val, excluded.max_val, excluded.p95_val, excluded.sample_count,
                                     coalesce(excluded.locator_id, m.locator_id))""";

    /** @return the aggregates inserted or changed */
    public long upsert(Connection connection, long tenantId, List<MinuteAggregateRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setLong(1, tenantId);
            statement.setArray(2, connection.createArrayOf("timestamptz",
                    rows.stream().map(r -> r.bucket().toString()).toArray()));
            statement.setArray(3, connection.createArrayOf("bigint", rows.stream().map(MinuteAggregateRow::resourceId).toArray()));
            statement.setArray(4, connection.createArrayOf("text", rows.stream().map(MinuteAggregateRow::metric).toArray()));
            statement.setArray(5, connection.createArrayOf("float8", rows.stream().map(MinuteAggregateRow::avg).toArray()));
            statement.setArray(6, connection.createArrayOf("float8", rows.stream().map(MinuteAggregateRow::max).toArray()));
            statement.setArray(7, connection.createArrayOf("float8", rows.stream().map(MinuteAggregateRow::p95).toArray()));
            statement.setArray(8, connection.createArrayOf("int4", rows.stream().map(MinuteAggregateRow::sampleCount).toArray()));
            statement.setArray(9, connection.createArrayOf("bigint", rows.stream().map(MinuteAggregateRow::locatorId).toArray()));
            return statement.executeUpdate();
        }
    }
}
