package io.rootscope.backend.etl.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Records a {@code detail_locator} once per identity (tenant, backend, dataset, query, window): re-running a
 * window finds the existing row through {@code detail_locator_identity_uq} and changes nothing.
 */
public final class DetailLocatorWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = """
            INSERT INTO rootscope.detail_locator (tenant_id, backend, dataset, query, t_from, t_to, attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (tenant_id, backend, dataset, md5(coalesce(query, '')),
                         md5(coalesce(bucket, '') || '/' || coalesce(object_key, '')), t_from, t_to) DO NOTHING
            RETURNING locator_id""";
    private static final String SELECT = """
            SELECT locator_id FROM rootscope.detail_locator
             WHERE tenant_id = ? AND backend = ? AND dataset = ? AND md5(coalesce(query, '')) = md5(?)
               AND md5(coalesce(bucket, '') || '/' || coalesce(object_key, '')) = md5('/') AND t_from = ? AND t_to = ?""";

    /** @return the locator's id, new or existing */
    public long upsert(Connection connection, long tenantId, LocatorSpec locator) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, tenantId);
            insert.setString(2, locator.backend());
            insert.setString(3, locator.dataset());
            insert.setString(4, locator.query());
            insert.setObject(5, JdbcTime.timestamptz(locator.from()));
            insert.setObject(6, JdbcTime.timestamptz(locator.to()));
            insert.setString(7, json(locator));
            try (ResultSet rows = insert.executeQuery()) {
                if (rows.next()) {
                    return rows.getLong(1);
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setLong(1, tenantId);
            select.setString(2, locator.backend());
            select.setString(3, locator.dataset());
            select.setString(4, locator.query());
            select.setObject(5, JdbcTime.timestamptz(locator.from()));
            select.setObject(6, JdbcTime.timestamptz(locator.to()));
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("locator of " + locator.query() + " neither inserted nor found");
                }
                return rows.getLong(1);
            }
        }
    }

    private static String json(LocatorSpec locator) {
        try {
            return JSON.writeValueAsString(locator.attributes());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("locator attributes are not JSON-serialisable: " + e.getMessage(), e);
        }
    }
}
