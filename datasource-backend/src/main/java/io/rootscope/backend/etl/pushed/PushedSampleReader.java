package io.rootscope.backend.etl.pushed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.rootscope.backend.etl.write.JdbcTime;
import io.rootscope.backend.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads the pushed series of one name of a tenant with their samples in (from, to]. */
// JDBC: the ETL's scheduled runs: the derivation's read on the window run's transaction (db/package-info).
final class PushedSampleReader {

    private static final String SAMPLES = """
            SELECT s.series_id, s.labels::text, p.ts, p.value
              FROM rootscope.pushed_series s
              JOIN rootscope.pushed_sample p ON p.tenant_id = s.tenant_id AND p.series_id = s.series_id
             WHERE s.tenant_id = ? AND s.name = ? AND p.ts > ? AND p.ts <= ?
             ORDER BY s.series_id, p.ts""";
    private static final String ANY_SERIES = "SELECT EXISTS (SELECT 1 FROM rootscope.pushed_series WHERE tenant_id = ?)";
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    /** Whether the tenant ever pushed a series: most tenants of a backend scraping Prometheus never do. */
    boolean anySeries(Connection connection, long tenantId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ANY_SERIES)) {
            statement.setLong(1, tenantId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    List<PushedSeriesData> read(Connection connection, long tenantId, String name, Instant from, Instant to) throws SQLException {
        List<PushedSeriesData> series = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SAMPLES)) {
            statement.setLong(1, tenantId);
            statement.setString(2, name);
            statement.setObject(3, JdbcTime.timestamptz(from));
            statement.setObject(4, JdbcTime.timestamptz(to));
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery()) {
                long current = -1;
                String labels = null;
                long[] times = new long[16];
                double[] values = new double[16];
                int count = 0;
                while (rows.next()) {
                    long id = rows.getLong(1);
                    if (id != current && count > 0) {
                        series.add(new PushedSeriesData(labels(labels), Arrays.copyOf(times, count), Arrays.copyOf(values, count), count));
                        count = 0;
                    }
                    current = id;
                    labels = rows.getString(2);
                    if (count == times.length) {
                        times = Arrays.copyOf(times, count * 2);
                        values = Arrays.copyOf(values, count * 2);
                    }
                    times[count] = JdbcTime.instant(rows, "ts").toEpochMilli();
                    values[count] = rows.getDouble(4);
                    count++;
                }
                if (count > 0) {
                    series.add(new PushedSeriesData(labels(labels), Arrays.copyOf(times, count), Arrays.copyOf(values, count), count));
                }
            }
        }
        return series;
    }

    private static Map<String, String> labels(String json) {
        try {
            return Json.MAPPER.readValue(json, LABELS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pushed_series.labels is not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }
}
