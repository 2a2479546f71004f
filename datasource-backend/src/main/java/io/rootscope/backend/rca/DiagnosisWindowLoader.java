package io.rootscope.backend.rca;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.METRIC_1M;
import static io.rootscope.backend.db.schema.Tables.METRIC_SAMPLE;
import static io.rootscope.backend.db.schema.Tables.TOPO_EDGE_TIME;

import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.LogEvent;
import io.rootscope.analytics.rca.MetricNameMapping;
import io.rootscope.analytics.rca.SpanRecord;
import io.rootscope.backend.db.schema.tables.DimResource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Builds a {@link DiagnosisWindow} from the database: every service of the tenant with metrics in the window,
 * each metric bucketed onto one time grid (raw samples where they are kept, else minute averages), the call
 * graph valid at the window's end as the prior, and the window's log events and spans ({@link WindowTelemetry}, capped).
 * Services are identified by their URNs; a service with logs or spans but no metrics is a candidate too, and a window
 * with logs or spans but no metrics is diagnosed on a minute grid of its own. Logs and spans before the anomaly start
 * are the normal period ({@link DiagnosisWindow#evidenceSplitMillis}).
 */
public final class DiagnosisWindowLoader {

    /** More samples than this add time but no accuracy (the evaluation data has at most 600). */
    public static final int MAX_SAMPLES_DEFAULT = 600;

    /** The shortest pause in all of a tenant's samples taken for a stop of collection (a few steps of a coarse grid are not). */
    private static final Duration SILENCE_MIN = Duration.ofMinutes(1);

    /** What was loaded, and a fingerprint of it so a diagnosis is reused only while the data is unchanged. */
    public record Loaded(DiagnosisWindow window, Duration step, String dataVersion) {
    }

    /** The grid of a window without metrics: logs and spans are read as events, the grid only frames them. */
    private static final Duration TELEMETRY_STEP = Duration.ofMinutes(1);

    private final DSLContext db;
    private final MetricNameMapping mapping;
    private final int maxSamples;
    private final int maxSpans;
    private final int maxLogEvents;

    public DiagnosisWindowLoader(DSLContext db) {
        this(db, DiagnosisSettings.defaults());
    }

    /** @param settings the caps on spans and log events loaded per diagnosis */
    public DiagnosisWindowLoader(DSLContext db, DiagnosisSettings settings) {
        this(db, MetricNameMapping.defaults(), MAX_SAMPLES_DEFAULT, settings.maxSpans(), settings.maxLogEvents());
    }

    public DiagnosisWindowLoader(DSLContext db, MetricNameMapping mapping, int maxSamples) {
        this(db, mapping, maxSamples, DiagnosisSettings.MAX_SPANS_DEFAULT, DiagnosisSettings.MAX_LOG_EVENTS_DEFAULT);
    }

    public DiagnosisWindowLoader(DSLContext db, MetricNameMapping mapping, int maxSamples, int maxSpans, int maxLogEvents) {
        if (maxSamples < 2) {
            throw new IllegalArgumentException("maxSamples must be at least 2, got " + maxSamples);
        }
        if (maxSpans < 0 || maxLogEvents < 0) {
            throw new IllegalArgumentException("the caps on spans and log events must not be negative, got " + maxSpans + " and " + maxLogEvents);
        }
        this.db = db;
        this.mapping = mapping;
        this.maxSamples = maxSamples;
        this.maxSpans = maxSpans;
        this.maxLogEvents = maxLogEvents;
    }

    /** The same loader reading through {@code other} (panels read through the read-only pool). */
    public DiagnosisWindowLoader on(DSLContext other) {
        return new DiagnosisWindowLoader(other, mapping, maxSamples, maxSpans, maxLogEvents);
    }

    /**
     * Which table a window is read from and a fingerprint of its inputs, so that a stored diagnosis of unchanged data is
     * found without loading the window.
     *
     * @param metrics   whether metrics are stored in the window (else it holds only log events or spans)
     * @param raw       whether raw samples cover the window (else minute averages are read)
     * @param telemetry whether log events or spans were stored in the window (else they are not queried)
     */
    public record Version(boolean metrics, boolean raw, boolean telemetry, String dataVersion) {
    }

    /**
     * The source table of the window, then the revisions (V013) of that table's minutes in the window and of the tenant's
     * call graph, and those (V020) of the window's log events and spans, with the tenant's template revision (V014) when the
     * window has log events (a template re-generalised changes their text): any write into the window, or to a CALLS edge,
     * moves one of them. One round trip of index lookups, where counting the window's rows read all of them (84k for
     * 50 services × 7 metrics × 1 h at 15 s). Whether a table has rows in the window is asked as its latest row by index:
     * for EXISTS the planner expects most rows of the window's chunk to match and scans it in order until one does.
     *
     * @return empty when neither metrics nor log events nor spans are stored in the window
     */
    public Optional<Version> version(long tenantId, Instant from, Instant to) {
        Record5<String, String, Long, String, Long> row = db.resultQuery("""
                WITH source AS MATERIALIZED (
                    SELECT CASE WHEN (SELECT ts FROM rootscope.metric_sample WHERE tenant_id = {0} AND ts >= {1} AND ts < {2}
                                       ORDER BY tenant_id, ts DESC LIMIT 1) IS NOT NULL THEN 'metric_sample'
                                WHEN (SELECT bucket FROM rootscope.metric_1m WHERE tenant_id = {0} AND bucket >= {1} AND bucket < {2}
                                       ORDER BY bucket DESC LIMIT 1) IS NOT NULL THEN 'metric_1m' END AS name)
                SELECT source.name,
                       (SELECT md5(string_agg(r.revision::text, ',' ORDER BY r.minute)) FROM rootscope.metric_revision r
                         WHERE r.tenant_id = {0} AND r.source = source.name
                           AND r.minute >= public.time_bucket(interval '1 minute', {1}::timestamptz) AND r.minute < {2}),
                       (SELECT t.revision FROM rootscope.topology_revision t WHERE t.tenant_id = {0} AND t.relation = 'CALLS'),
                       (SELECT md5(string_agg(r.source || r.revision::text, ',' ORDER BY r.source, r.minute)) FROM rootscope.metric_revision r
                         WHERE r.tenant_id = {0} AND r.source IN ('log_event', 'trace_span')
                           AND r.minute >= public.time_bucket(interval '1 minute', {1}::timestamptz) AND r.minute < {2}),
                       (SELECT t.revision FROM rootscope.log_template_revision t
                         WHERE t.tenant_id = {0} AND EXISTS (
                               SELECT FROM rootscope.metric_revision r WHERE r.tenant_id = {0} AND r.source = 'log_event'
                                  AND r.minute >= public.time_bucket(interval '1 minute', {1}::timestamptz) AND r.minute < {2}))
                  FROM source""", DSL.val(tenantId), DSL.val(from.atOffset(ZoneOffset.UTC)), DSL.val(to.atOffset(ZoneOffset.UTC)))
                .coerce(DSL.field("name", String.class), DSL.field("metrics", String.class), DSL.field("calls", Long.class),
                        DSL.field("telemetry", String.class), DSL.field("templates", Long.class))
                .fetchOne();
        if (row == null || (row.value1() == null && row.value4() == null)) {
            return Optional.empty();
        }
        boolean metrics = row.value1() != null;
        boolean raw = "metric_sample".equals(row.value1());
        // No revision yet means nothing was written since V013 (metrics) or V020 seeded them: unchanged since a stored run.
        String metricVersion = metrics ? (raw ? "raw:" : "1m:") + row.value2() : "none";
        return Optional.of(new Version(metrics, raw, row.value4() != null, metricVersion + ":calls:" + row.value3() + ":telemetry:" + row.value4()
                + ":templates:" + row.value5()));
    }

    /** @return empty when the window holds no metrics, log events or spans */
    public Optional<Loaded> load(long tenantId, String frontendUrn, Instant from, Instant to, Optional<Instant> anomalyStart) {
        return version(tenantId, from, to).flatMap(version -> load(tenantId, frontendUrn, from, to, anomalyStart, List.of(), version));
    }

    /**
     * Loads the window whose {@link #version} was just read, without the samples, log events and spans of the
     * {@code excluded} times (earlier incidents inside the normal period, {@link NormalPeriod}).
     *
     * @return empty when it holds no metrics, log events or spans
     */
    public Optional<Loaded> load(long tenantId, String frontendUrn, Instant from, Instant to, Optional<Instant> anomalyStart,
                                 List<NormalPeriod.TimeRange> excluded, Version version) {
        NormalPeriod normal = new NormalPeriod(from, excluded);
        WindowTelemetry telemetry = new WindowTelemetry(db, maxSpans, maxLogEvents);
        // A metric-only window (no log or span revision in it) costs no query more.
        List<LogEvent> logs = version.telemetry() ? telemetry.logs(tenantId, from, to) : List.of();
        List<SpanRecord> spans = version.telemetry() ? telemetry.spans(tenantId, from, to) : List.of();
        if (!excluded.isEmpty()) {
            logs = logs.stream().filter(e -> !normal.excludes(e.timeMillis())).toList();
            spans = spans.stream().filter(s -> !normal.excludes(s.startMicros() / 1000)).toList();
        }
        Result<Record4<String, String, Long, Double>> rows = version.metrics() ? series(tenantId, from, to, version.raw()) : null;
        if (rows == null || rows.isEmpty()) {
            if (logs.isEmpty() && spans.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(withoutMetrics(tenantId, frontendUrn, from, to, anomalyStart, logs, spans, version));
        }
        boolean raw = version.raw();
        Duration step = step(tenantId, from, to, raw);
        long firstCell = Math.max(from.getEpochSecond(),
                collectionStart(rows, anomalyStart.orElse(to).getEpochSecond(), silence(step)));
        int cells = (int) Math.max(2, (to.getEpochSecond() - firstCell + step.toSeconds() - 1) / step.toSeconds());
        // The grid skips cells starting in excluded time: the normal period's samples need not be contiguous.
        long[] times = LongStream.range(0, cells).map(i -> firstCell + i * step.toSeconds())
                .filter(t -> !normal.excludes(t * 1000)).toArray();
        int length = times.length;
        // Samples are averaged per grid cell here rather than in SQL: grouping tens of thousands of rows by a computed
        // bucket cost PostgreSQL more than sending them.
        Map<String, Map<String, double[][]>> byService = new LinkedHashMap<>();
        for (Record4<String, String, Long, Double> row : rows) {
            int index = cellOf(times, row.value3(), step.toSeconds());
            if (index >= 0 && row.value4() != null && !normal.excludes(row.value3() * 1000)) {
                double[][] sumAndCount = byService.computeIfAbsent(row.value1(), s -> new LinkedHashMap<>())
                        .computeIfAbsent(row.value2(), m -> new double[2][length]);
                sumAndCount[0][index] += row.value4();
                sumAndCount[1][index]++;
            }
        }
        DiagnosisWindow.Builder builder = DiagnosisWindow.builder(times, frontendUrn);
        byService.forEach((service, metrics) -> metrics.forEach((metric, sumAndCount) -> {
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = sumAndCount[1][i] == 0 ? Double.NaN : sumAndCount[0][i] / sumAndCount[1][i];
            }
            builder.metric(service, metric, values, mapping);
        }));
        return Optional.of(new Loaded(finish(builder, tenantId, to, anomalyStart, logs, spans), step, version.dataVersion()));
    }

    /** The index of the grid cell holding {@code epochSecond}, or -1 when no cell does (before the grid, or excluded time). */
    private static int cellOf(long[] times, long epochSecond, long stepSeconds) {
        int index = Arrays.binarySearch(times, epochSecond);
        if (index < 0) {
            index = -index - 2;
        }
        return index >= 0 && epochSecond < times[index] + stepSeconds ? index : -1;
    }

    /** A window of logs and spans alone: a grid of whole minutes over [from, to) frames them (methods need times). */
    private Loaded withoutMetrics(long tenantId, String frontendUrn, Instant from, Instant to, Optional<Instant> anomalyStart,
                                  List<LogEvent> logs, List<SpanRecord> spans, Version version) {
        long stepSeconds = Math.max(TELEMETRY_STEP.toSeconds(), (Duration.between(from, to).toSeconds() + maxSamples - 1) / maxSamples);
        int length = (int) Math.max(2, (to.getEpochSecond() - from.getEpochSecond() + stepSeconds - 1) / stepSeconds);
        long[] times = new long[length];
        for (int i = 0; i < length; i++) {
            times[i] = from.getEpochSecond() + i * stepSeconds;
        }
        DiagnosisWindow.Builder builder = DiagnosisWindow.builder(times, frontendUrn);
        return new Loaded(finish(builder, tenantId, to, anomalyStart, logs, spans), Duration.ofSeconds(stepSeconds), version.dataVersion());
    }

    private DiagnosisWindow finish(DiagnosisWindow.Builder builder, long tenantId, Instant to, Optional<Instant> anomalyStart,
                                   List<LogEvent> logs, List<SpanRecord> spans) {
        callGraph(tenantId, to).forEach(edge -> builder.callGraphEdge(edge.value1(), edge.value2()));
        anomalyStart.ifPresent(start -> builder.anomalyStart(start.getEpochSecond()));
        return builder.logs(logs).spans(spans).build();
    }

    /**
     * Where the grid starts: the first sample after the tenant's last silence before {@code until} (its first sample when
     * it was never silent). Cells without any sample are gap-filled with each series' last (or first) value, and a normal
     * period made mostly of one repeated value has no spread, so any later wiggle scores as an anomaly; data before a
     * silence, when collection stopped, is another run of the system's.
     */
    private static long collectionStart(Result<Record4<String, String, Long, Double>> rows, long until, long silence) {
        long[] epochs = rows.stream().mapToLong(Record4::value3).sorted().toArray();
        long start = epochs[0];
        for (int i = 1; i < epochs.length && epochs[i] <= until; i++) {
            if (epochs[i] - epochs[i - 1] > silence) {
                start = epochs[i];
            }
        }
        return start;
    }

    /** A pause between two of the tenant's samples longer than this means collection stopped. */
    private static long silence(Duration step) {
        return Math.max(SILENCE_MIN.toSeconds(), 4 * step.toSeconds());
    }

    /**
     * The CALLS edges valid at {@code at}, as topology_at has them. Queried here rather than filtered from topology_at: that
     * function is not inlined (it pins its search_path), so a filter on its result comes after it built the whole topology —
     * every RUNS_ON and CONNECTS_TO edge of the tenant — while here the relation reaches the index.
     */
    private Result<Record2<String, String>> callGraph(long tenantId, Instant at) {
        DimResource src = DIM_RESOURCE.as("src");
        DimResource dst = DIM_RESOURCE.as("dst");
        return db.select(src.URN, dst.URN)
                .from(TOPO_EDGE_TIME)
                .join(src).on(src.RESOURCE_ID.eq(TOPO_EDGE_TIME.SRC_RESOURCE_ID))
                .join(dst).on(dst.RESOURCE_ID.eq(TOPO_EDGE_TIME.DST_RESOURCE_ID))
                .where(TOPO_EDGE_TIME.TENANT_ID.eq(tenantId)).and(TOPO_EDGE_TIME.RELATION.eq("CALLS"))
                .and(DSL.condition("{0} @> {1}", TOPO_EDGE_TIME.VALID, DSL.val(at.atOffset(ZoneOffset.UTC))))
                .orderBy(src.URN, dst.URN)
                .fetch();
    }

    /**
     * The median sampling interval of a few of the window's series (all come from the same scrapes), widened so the
     * grid has at most maxSamples points. A few series, not all: measuring every series read the whole window twice.
     */
    private Duration step(long tenantId, Instant from, Instant to, boolean raw) {
        long nativeSeconds = 60;
        if (raw) {
            Double median = db.resultQuery("""
                    WITH sampled AS (
                        SELECT DISTINCT resource_id, metric
                          FROM (SELECT resource_id, metric FROM rootscope.metric_sample
                                 WHERE tenant_id = {0} AND ts >= {1} AND ts < {2} LIMIT 500) first_rows
                         LIMIT 5)
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY spacing) FROM (
                        SELECT extract(epoch FROM max(m.ts) - min(m.ts)) / nullif(count(*) - 1, 0) AS spacing
                          FROM sampled s
                          JOIN rootscope.metric_sample m ON m.tenant_id = {0} AND m.resource_id = s.resource_id
                               AND m.metric = s.metric AND m.ts >= {1} AND m.ts < {2}
                         GROUP BY s.resource_id, s.metric) spacings""",
                    DSL.val(tenantId), DSL.val(from.atOffset(ZoneOffset.UTC)), DSL.val(to.atOffset(ZoneOffset.UTC)))
                    .fetchOne(0, Double.class);
            nativeSeconds = median == null ? 1 : Math.max(1, Math.round(median));
        }
        long byCount = (Duration.between(from, to).toSeconds() + maxSamples - 1) / maxSamples;
        return Duration.ofSeconds(Math.max(nativeSeconds, byCount));
    }

    private Result<Record4<String, String, Long, Double>> series(long tenantId, Instant from, Instant to, boolean raw) {
        Field<OffsetDateTime> time = raw ? METRIC_SAMPLE.TS : METRIC_1M.BUCKET;
        // Epoch seconds rather than a timestamp: jOOQ reads a timestamptz as text and parses it, which for the tens of
        // thousands of rows of a window cost more than the rest of reading them.
        Field<Long> epoch = DSL.field("extract(epoch from {0})::bigint", Long.class, time);
        Field<Double> value = raw ? METRIC_SAMPLE.VALUE : METRIC_1M.AVG_VAL;
        Field<Long> resourceId = raw ? METRIC_SAMPLE.RESOURCE_ID : METRIC_1M.RESOURCE_ID;
        Field<String> metric = raw ? METRIC_SAMPLE.METRIC : METRIC_1M.METRIC;
        Field<Long> tenant = raw ? METRIC_SAMPLE.TENANT_ID : METRIC_1M.TENANT_ID;
        return db.select(DIM_RESOURCE.URN, metric, epoch, value)
                .from(raw ? METRIC_SAMPLE : METRIC_1M)
                .join(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(resourceId))
                .where(tenant.eq(tenantId)).and(DIM_RESOURCE.TYPE.eq("service"))
                .and(time.ge(from.atOffset(ZoneOffset.UTC))).and(time.lt(to.atOffset(ZoneOffset.UTC)))
                .fetch();
    }
}
