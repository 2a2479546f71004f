package io.rootscope.backend.etl.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rootscope.backend.json.Json;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores pushed series: each series' identity once in {@code pushed_series}, its samples in {@code pushed_sample}, each
 * (series, time) once however often it is pushed again. Runs in the caller's transaction.
 */
// JDBC: bulk writes: one statement per push for the series, COPY for the samples (db/package-info).
public final class PushedSeriesWriter {

    /** What one write stored: samples new to the table, and how many were there already. */
    public record Written(long inserted, long repeated) {
    }

    // In fingerprint order, so two pushes adding the same new series cannot deadlock on the unique index.
    private static final String INSERT_SERIES = """
            INSERT INTO rootscope.pushed_series (tenant_id, name, labels)
            SELECT ?, name, labels FROM unnest(?::text[], ?::jsonb[]) AS s (name, labels)
             ORDER BY rootscope.pushed_series_fingerprint(name, labels)
            ON CONFLICT ON CONSTRAINT pushed_series_uq DO NOTHING""";
    private static final String SERIES_IDS = """
            SELECT s.n, p.series_id
              FROM unnest(?::text[], ?::jsonb[]) WITH ORDINALITY AS s (name, labels, n)
              JOIN rootscope.pushed_series p
                ON p.tenant_id = ? AND p.fingerprint = rootscope.pushed_series_fingerprint(s.name, s.labels)""";

    private record SampleRow(long seriesId, long timeUnixNano, double value) {
    }

    private final int batchSize;

    public PushedSeriesWriter() {
        this(MetricSampleWriter.BATCH_SIZE_DEFAULT);
    }

    PushedSeriesWriter(int batchSize) {
        this.batchSize = batchSize;
    }

    public Written write(Connection connection, long tenantId, List<PushedSeries> series) throws SQLException {
        if (series.isEmpty()) {
            return new Written(0, 0);
        }
        long[] ids = seriesIds(connection, tenantId, series);
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            for (PushedSample sample : series.get(i).samples()) {
                rows.add(new SampleRow(ids[i], sample.timeUnixNano(), sample.value()));
            }
        }
        long inserted = new IdempotentCopy<SampleRow>("rootscope.pushed_sample", "(ts, tenant_id, series_id, value)", "pushed_sample_pk",
                (row, out) -> out.row(4).timestamp(Instant.ofEpochSecond(0, row.timeUnixNano())).int8(tenantId)
                        .int8(row.seriesId()).float8(row.value()), batchSize)
                .write(connection, rows);
        return new Written(inserted, rows.size() - inserted);
    }

    /** The id of each series, aligned with {@code series}; a series new to the tenant is added. */
    private static long[] seriesIds(Connection connection, long tenantId, List<PushedSeries> series) throws SQLException {
        String[] names = new String[series.size()];
        String[] labels = new String[series.size()];
        for (int i = 0; i < series.size(); i++) {
            names[i] = series.get(i).name();
            labels[i] = labelsJson(series.get(i));
        }
        Array nameArray = connection.createArrayOf("text", names);
        Array labelArray = connection.createArrayOf("text", labels);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SERIES)) {
            insert.setLong(1, tenantId);
            insert.setArray(2, nameArray);
            insert.setArray(3, labelArray);
            insert.executeUpdate();
        }
        long[] ids = new long[series.size()];
        try (PreparedStatement select = connection.prepareStatement(SERIES_IDS)) {
            select.setArray(1, nameArray);
            select.setArray(2, labelArray);
            select.setLong(3, tenantId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids[(int) rows.getLong(1) - 1] = rows.getLong(2);
                }
            }
        }
        return ids;
    }

    private static String labelsJson(PushedSeries series) {
        try {
            return Json.MAPPER.writeValueAsString(series.labels());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels of " + series.name() + " cannot be written as JSON", e);
        }
    }
}
