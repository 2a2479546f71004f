package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Rolls the raw samples of some metrics up into {@code metric_1m} (average, maximum, 95th percentile by
 * linear interpolation, count), in the database where the samples already are. Every minute touching the
 * window is recomputed from all its samples, so a window that ends mid-minute leaves no partial aggregate
 * behind once the next window fills the minute. Re-running with unchanged samples changes no row.
 */
// JDBC: bulk writes: a set-based rollup on the caller's transaction (ETL run or import) (db/package-info).
public final class MetricMinuteRollup {

    private static final String ROLLUP = """
            INSERT INTO rootscope.metric_1m AS m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val,
                                                  sample_count, locator_id)
            SELECT date_trunc('minute', ts), tenant_id, resource_id, metric, avg(value), max(value),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY value), count(*), ?
              FROM rootscope.metric_sample
             WHERE tenant_id = ? AND metric = ANY (?)
               AND ts >= date_trunc('minute', ?::timestamptz)
               AND ts < date_trunc('minute', ?::timestamptz - interval '1 microsecond') + interval '1 minute'
             GROUP BY 1, 2, 3, 4
            ON CONFLICT ON CONSTRAINT metric_1m_pk DO UPDATE
               SET avg_val = excluded.avg_val, max_val = excluded.max_val, p95_val = excluded.p95_val,
                   sample_count = excluded.sample_count, locator_id = coalesce(excluded.locator_id, m.locator_id)
             WHERE (m.avg_val, m.max_val, m.p95_val, m.sample_count, m.locator_id)
                   IS DISTINCT FROM (excluded.avg_val, excluded.max_val, excluded.p95_val, excluded.sample_count,
                                     coalesce(excluded.locator_id, m.locator_id))""";

    /**
     * @param locatorId the locator of the raw detail to record on each aggregate, or null to keep what is there
     * @return the aggregates inserted or changed
     */
    public long rollup(Connection connection, long tenantId, List<String> metrics, Instant from, Instant to,
                       Long locatorId) throws SQLException {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("rollup window from " + from + " must be before to " + to);
        }
        try (PreparedStatement statement = connection.prepareStatement(ROLLUP)) {
            statement.setObject(1, locatorId, Types.BIGINT);
            statement.setLong(2, tenantId);
            statement.setArray(3, connection.createArrayOf("text", metrics.toArray()));
            statement.setObject(4, JdbcTime.timestamptz(from));
            statement.setObject(5, JdbcTime.timestamptz(to));
            return statement.executeUpdate();
        }
    }
}
