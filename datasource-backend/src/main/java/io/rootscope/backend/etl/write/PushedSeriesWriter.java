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
import java.util.TreeMap;

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
            SELECT s.n, p.series_id, p.first_seen = now() AS ours
              FROM unnest(?::text[], ?::jsonb[]) WITH ORDINALITY AS s (name, labels, n)
              JOIN rootscope.pushed_series p
                ON p.tenant_id = ? AND p.fingerprint = rootscope.pushed_series_fingerprint(s.name, s.labels)""";

    private record SampleRow(long seriesId, long timeUnixNano, double value) {
    }

    /** About 200 bytes an entry: some 40 MB at most. */
    static final int CACHED_SERIES_DEFAULT = 200_000;

    private final int batchSize;
    private final SeriesIdCache known;

    public PushedSeriesWriter() {
        this(MetricSampleWriter.BATCH_SIZE_DEFAULT, CACHED_SERIES_DEFAULT);
    }

    PushedSeriesWriter(int batchSize, int cachedSeries) {
        this.batchSize = batchSize;
        this.known = new SeriesIdCache(cachedSeries);
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

    /**
     * The id of each series, aligned with {@code series}; a series new to the tenant is added. Only ids committed before
     * this transaction are cached, not those it added itself (their {@code first_seen} is its start, {@code now()}): a
     * rollback cannot leave a cached id behind.
     */
    private long[] seriesIds(Connection connection, long tenantId, List<PushedSeries> series) throws SQLException {
        long[] ids = new long[series.size()];
        String[] keys = new String[series.size()];
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            keys[i] = SeriesIdCache.key(tenantId, series.get(i).name(), labelsJson(series.get(i)));
            Long id = known.get(keys[i]);
            if (id == null) {
                unknown.add(i);
            } else {
                ids[i] = id;
            }
        }
        if (unknown.isEmpty()) {
            return ids;
        }
        String[] names = new String[unknown.size()];
        String[] labels = new String[unknown.size()];
        for (int u = 0; u < unknown.size(); u++) {
            names[u] = series.get(unknown.get(u)).name();
            labels[u] = labelsJson(series.get(unknown.get(u)));
        }
        Array nameArray = connection.createArrayOf("text", names);
        Array labelArray = connection.createArrayOf("text", labels);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SERIES)) {
            insert.setLong(1, tenantId);
            insert.setArray(2, nameArray);
            insert.setArray(3, labelArray);
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(SERIES_IDS)) {
            select.setArray(1, nameArray);
            select.setArray(2, labelArray);
            select.setLong(3, tenantId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int i = unknown.get((int) rows.getLong(1) - 1);
                    ids[i] = rows.getLong(2);
                    if (!rows.getBoolean(3)) {
                        known.put(keys[i], ids[i]);
                    }
                }
            }
        }
        return ids;
    }

    private static String labelsJson(PushedSeries series) {
        try {
            // Sorted, so one series has one cache key whatever its map's order.
            return Json.MAPPER.writeValueAsString(new TreeMap<>(series.labels()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels of " + series.name() + " cannot be written as JSON", e);
        }
    }
}
