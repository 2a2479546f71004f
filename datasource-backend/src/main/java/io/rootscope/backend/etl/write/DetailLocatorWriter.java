package io.rootscope.backend.etl.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Records a {@code detail_locator} once per identity (tenant, backend, dataset, query, window): re-running a
 * window finds the existing row through {@code detail_locator_identity_uq} and changes nothing.
 */
public final class DetailLocatorWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = """
            INSERT INTO rootscope.detail_locator (tenant_id, backend, dataset, query, t_from, t_to, attributes)
            VALUES (?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::jsonb)
            ON CONFLICT (tenant_id, backend, dataset, md5(coalesce(query, '')),
                         md5(coalesce(bucket, '') || '/' || coalesce(object_key, '')), t_from, t_to) DO NOTHING
            RETURNING locator_id""";
    private static final String SELECT = """
            SELECT locator_id FROM rootscope.detail_locator
             WHERE tenant_id = ? AND backend = ? AND dataset = ? AND md5(coalesce(query, '')) = md5(?)
               AND md5(coalesce(bucket, '') || '/' || coalesce(object_key, '')) = md5('/') AND t_from = ?::timestamptz AND t_to = ?::timestamptz""";

    /**
     * @param db the caller's context: the incident diagnosis' transaction, or an ETL run's connection
     * @return the locator's id, new or existing
     */
    public long upsert(DSLContext db, long tenantId, LocatorSpec locator) {
        Object[] identity = {tenantId, locator.backend(), locator.dataset(), locator.query(), JdbcTime.timestamptz(locator.from()),
                JdbcTime.timestamptz(locator.to())};
        Object[] values = Arrays.copyOf(identity, identity.length + 1);
        values[identity.length] = json(locator);
        return db.resultQuery(INSERT, values).fetchOptional(0, Long.class)
                .or(() -> db.resultQuery(SELECT, identity).fetchOptional(0, Long.class))
                .orElseThrow(() -> new DataAccessException("locator of " + locator.query() + " neither inserted nor found"));
    }

    private static String json(LocatorSpec locator) {
        try {
            return JSON.writeValueAsString(locator.attributes());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("locator attributes are not JSON-serialisable: " + e.getMessage(), e);
        }
    }
}
