package io.rootscope.backend.etl.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rootscope.backend.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores pushed series: each series' identity once in {@code pushed_series}, its samples in {@code pushed_sample}, each
 * (series, time) once however often it is pushed again. Runs in the caller's transaction.
 */
// JDBC: bulk writes: one statement per push for the series, COPY for the samples (db/package-info).
public final class PushedSeriesWriter {

    /**
     * What one write stored: samples new to the table, and how many were there already; and the ids of the series it
     * looked up, which {@link #committed} caches once its transaction has committed.
     */
    public record Written(long inserted, long repeated, Map<SeriesKey, Long> lookedUp) {
    }

    // One round trip: adds the series new to the tenant (in fingerprint order, so two pushes adding the same new series
    // cannot deadlock on the unique index) and answers the id of each, added or stored. A series another push added
    // and committed while this statement waited on it is not in this statement's snapshot: its id is null here.
    private static final String RESOLVE_SERIES = """
            WITH pushed AS (
                SELECT s.n, s.name, s.labels, rootscope.pushed_series_fingerprint(s.name, s.labels) AS fingerprint
                  FROM unnest(?::text[], ?::jsonb[]) WITH ORDINALITY AS s (name, labels, n)),
            added AS (
                INSERT INTO rootscope.pushed_series (tenant_id, name, labels)
                SELECT ?, name, labels FROM pushed ORDER BY fingerprint
                ON CONFLICT ON CONSTRAINT pushed_series_uq DO NOTHING
                RETURNING series_id, fingerprint)
            SELECT p.n, coalesce(a.series_id, s.series_id)
              FROM pushed p
              LEFT JOIN added a USING (fingerprint)
              LEFT JOIN rootscope.pushed_series s ON s.tenant_id = ? AND s.fingerprint = p.fingerprint""";
    // The ids RESOLVE_SERIES left null, read in a snapshot of their own.
    private static final String SERIES_IDS = """
            SELECT s.n, p.series_id
              FROM unnest(?::text[], ?::jsonb[]) WITH ORDINALITY AS s (name, labels, n)
              JOIN rootscope.pushed_series p
                ON p.tenant_id = ? AND p.fingerprint = rootscope.pushed_series_fingerprint(s.name, s.labels)""";

    private record SampleRow(long seriesId, long timeUnixNano, double value) {
    }

    // In the primary key's order: series ids follow the order series were first added in (by fingerprint), not a push's,
    // so unsorted each row's index insert landed on another leaf; in order, the next insert finds its pages in the CPU's
    // cache. List.sort is stable: of a sample repeated within a push, the first is still the one kept.
    private static final Comparator<SampleRow> KEY_ORDER = Comparator.comparingLong(SampleRow::seriesId).thenComparingLong(SampleRow::timeUnixNano);

    /** About 100 bytes an entry (map entry, key, id): some 20 MB at most. */
    static final int CACHED_SERIES_DEFAULT = 200_000;

    private final IdempotentCopy<SampleRow> samples;
    private final SeriesIdCache known;

    public PushedSeriesWriter() {
        this(MetricSampleWriter.BATCH_SIZE_DEFAULT, CACHED_SERIES_DEFAULT);
    }

    PushedSeriesWriter(int batchSize, int cachedSeries) {
        this.samples = new IdempotentCopy<>("rootscope.pushed_sample", "(ts, tenant_id, series_id, value)", "pushed_sample_pk",
                (row, tenantId, out) -> out.row(4).timestampUnixNano(row.timeUnixNano()).int8(tenantId).int8(row.seriesId())
                        .float8(row.value()), batchSize);
        this.known = new SeriesIdCache(cachedSeries);
    }

    /**
     * Writes the series' samples. Call {@link #committed} with the answer once the caller's transaction has committed
     * (with auto-commit on, this does it), so that the next push of these series skips their lookup.
     */
    public Written write(Connection connection, long tenantId, List<PushedSeries> series) throws SQLException {
        if (series.isEmpty()) {
            return new Written(0, 0, Map.of());
        }
        SeriesKey[] keys = new SeriesKey[series.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = SeriesKey.of(tenantId, series.get(i));
        }
        long[] ids = new long[keys.length];
        Map<SeriesKey, Long> lookedUp = lookUp(connection, tenantId, series, keys, ids, known.get(keys, ids));
        List<SampleRow> rows = new ArrayList<>(series.size());
        for (int i = 0; i < ids.length; i++) {
            for (PushedSample sample : series.get(i).samples()) {
                rows.add(new SampleRow(ids[i], sample.timeUnixNano(), sample.value()));
            }
        }
        rows.sort(KEY_ORDER);
        long inserted = samples.write(connection, tenantId, rows);
        Written written = new Written(inserted, rows.size() - inserted, lookedUp);
        if (connection.getAutoCommit()) {
            committed(written);
        }
        return written;
    }

    /**
     * Caches the ids a write looked up, once its transaction committed: a rolled-back push (which may have added the
     * series) must leave no id behind.
     */
    public void committed(Written written) {
        known.putAll(written.lookedUp());
    }

    /**
     * Fills in {@code ids} the ids of the series at the {@code unknown} indexes, adding those new to the tenant.
     * @return the ids found, by cache key
     */
    private static Map<SeriesKey, Long> lookUp(Connection connection, long tenantId, List<PushedSeries> series, SeriesKey[] keys, long[] ids,
                                            int[] unknown) throws SQLException {
        if (unknown.length == 0) {
            return Map.of();
        }
        String[] names = new String[unknown.length];
        String[] labels = new String[unknown.length];
        for (int u = 0; u < unknown.length; u++) {
            names[u] = series.get(unknown[u]).name();
            labels[u] = labelsJson(series.get(unknown[u]));
        }
        Map<SeriesKey, Long> found = new HashMap<>();
        List<Integer> unresolved = new ArrayList<>();
        try (PreparedStatement resolve = connection.prepareStatement(RESOLVE_SERIES)) {
            resolve.setArray(1, connection.createArrayOf("text", names));
            resolve.setArray(2, connection.createArrayOf("text", labels));
            resolve.setLong(3, tenantId);
            resolve.setLong(4, tenantId);
            try (ResultSet rows = resolve.executeQuery()) {
                while (rows.next()) {
                    int u = (int) rows.getLong(1) - 1;
                    long id = rows.getLong(2);
                    if (rows.wasNull()) {
                        unresolved.add(u);
                    } else {
                        ids[unknown[u]] = id;
                        found.put(keys[unknown[u]], id);
                    }
                }
            }
        }
        if (!unresolved.isEmpty()) {
            try (PreparedStatement select = connection.prepareStatement(SERIES_IDS)) {
                select.setArray(1, connection.createArrayOf("text", unresolved.stream().map(u -> names[u]).toArray()));
                select.setArray(2, connection.createArrayOf("text", unresolved.stream().map(u -> labels[u]).toArray()));
                select.setLong(3, tenantId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int u = unresolved.get((int) rows.getLong(1) - 1);
                        ids[unknown[u]] = rows.getLong(2);
                        found.put(keys[unknown[u]], ids[unknown[u]]);
                    }
                }
            }
        }
        for (int index : unknown) {
            if (!found.containsKey(keys[index])) {
                // Only a series deleted while this push ran: never write samples under a made-up id.
                throw new SQLException("pushed series " + series.get(index).name() + " neither added nor found");
            }
        }
        return found;
    }

    private static String labelsJson(PushedSeries series) {
        try {
            return Json.MAPPER.writeValueAsString(series.labels());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels of " + series.name() + " cannot be written as JSON", e);
        }
    }
}
