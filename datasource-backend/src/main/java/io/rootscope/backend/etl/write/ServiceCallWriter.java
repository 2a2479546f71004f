package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Upserts five-minute call statistics into {@code service_call_5m}; unchanged rows are not rewritten. */
public final class ServiceCallWriter {

    private static final String UPSERT = """
            INSERT INTO rootscope.service_call_5m AS c (bucket, tenant_id, src_resource_id, dst_resource_id, call_count,
                                                        rps, err_rate, p50_ms, p95_ms, locator_id)
            SELECT r.bucket, ?, r.src, r.dst, r.call_count, r.rps, r.err_rate, r.p50_ms, r.p95_ms, r.locator_id
              FROM unnest(?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[], ?::float8[], ?::float8[],
                          ?::float8[], ?::float8[], ?::bigint[])
                   AS r (bucket, src, dst, call_count, rps, err_rate, p50_ms, p95_ms, locator_id)
            ON CONFLICT ON CONSTRAINT service_call_5m_pk DO UPDATE
               SET call_count = excluded.call_count, rps = excluded.rps, err_rate = excluded.err_rate,
                   p50_ms = excluded.p50_ms, p95_ms = excluded.p95_ms,
                   locator_id = coalesce(excluded.locator_id, c.locator_id)
             WHERE (c.call_count, c.rps, c.err_rate, c.p50_ms, c.p95_ms, c.locator_id)
                   IS DISTINCT FROM (excluded.call_count, excluded.rps, excluded.err_rate, excluded.p50_ms,
                                     excluded.p95_ms, coalesce(excluded.locator_id, c.locator_id))""";

    /** @return the rows inserted or changed */
    public long upsert(Connection connection, long tenantId, List<ServiceCallRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setLong(1, tenantId);
            statement.setArray(2, connection.createArrayOf("timestamptz",
                    rows.stream().map(r -> r.bucket().toString()).toArray()));
            statement.setArray(3, connection.createArrayOf("bigint", rows.stream().map(ServiceCallRow::srcResourceId).toArray()));
            statement.setArray(4, connection.createArrayOf("bigint", rows.stream().map(ServiceCallRow::dstResourceId).toArray()));
            statement.setArray(5, connection.createArrayOf("bigint", rows.stream().map(ServiceCallRow::callCount).toArray()));
            statement.setArray(6, connection.createArrayOf("float8", rows.stream().map(ServiceCallRow::rps).toArray()));
            statement.setArray(7, connection.createArrayOf("float8", rows.stream().map(ServiceCallRow::errRate).toArray()));
            statement.setArray(8, connection.createArrayOf("float8", rows.stream().map(ServiceCallRow::p50Ms).toArray()));
            statement.setArray(9, connection.createArrayOf("float8", rows.stream().map(ServiceCallRow::p95Ms).toArray()));
            statement.setArray(10, connection.createArrayOf("bigint", rows.stream().map(ServiceCallRow::locatorId).toArray()));
            return statement.executeUpdate();
        }
    }
}
