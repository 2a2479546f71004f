package io.rootscope.backend.rca;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.METRIC_1M;
import static io.rootscope.backend.db.schema.Tables.METRIC_SAMPLE;
import static io.rootscope.backend.db.schema.Tables.TOPOLOGY_AT;

import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MetricNameMapping;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Builds a {@link DiagnosisWindow} from the database: every service of the tenant with metrics in the window,
 * each metric bucketed onto one time grid (raw samples where they are kept, else minute averages), and the call
 * graph valid at the window's end as the prior. Services are identified by their URNs.
 */
public final class DiagnosisWindowLoader {

    /** More samples than this add time but no accuracy (the evaluation data has at most 600). */
    public static final int MAX_SAMPLES_DEFAULT = 600;

    /** What was loaded, and a fingerprint of it so a diagnosis is reused only while the data is unchanged. */
    public record Loaded(DiagnosisWindow window, Duration step, String dataVersion) {
    }

    private final DSLContext db;
    private final MetricNameMapping mapping;
    private final int maxSamples;

    public DiagnosisWindowLoader(DSLContext db) {
        this(db, MetricNameMapping.defaults(), MAX_SAMPLES_DEFAULT);
    }

    public DiagnosisWindowLoader(DSLContext db, MetricNameMapping mapping, int maxSamples) {
        if (maxSamples < 2) {
            throw new IllegalArgumentException("maxSamples must be at least 2, got " + maxSamples);
        }
        this.db = db;
        this.mapping = mapping;
        this.maxSamples = maxSamples;
    }

    /** @return empty when no service has metrics in the window */
    public Optional<Loaded> load(String tenant, long tenantId, String frontendUrn, Instant from, Instant to, Optional<Instant> anomalyStart) {
        boolean raw = hasRawSamples(tenantId, from, to);
        Duration step = step(tenantId, from, to, raw);
        Result<Record4<String, String, OffsetDateTime, Double>> rows = series(tenantId, from, to, step, raw);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int length = (int) Math.max(2, (Duration.between(from, to).toSeconds() + step.toSeconds() - 1) / step.toSeconds());
        long[] times = new long[length];
        for (int i = 0; i < length; i++) {
            times[i] = from.getEpochSecond() + i * step.toSeconds();
        }
        Map<String, Map<String, double[]>> byService = new LinkedHashMap<>();
        for (Record4<String, String, OffsetDateTime, Double> row : rows) {
            int index = (int) ((row.value3().toEpochSecond() - times[0]) / step.toSeconds());
            if (index >= 0 && index < length) {
                byService.computeIfAbsent(row.value1(), s -> new LinkedHashMap<>())
                        .computeIfAbsent(row.value2(), m -> nanArray(length))[index] = row.value4();
            }
        }
        DiagnosisWindow.Builder builder = DiagnosisWindow.builder(times, frontendUrn);
        byService.forEach((service, metrics) -> metrics.forEach((metric, values) -> builder.metric(service, metric, values, mapping)));
        db.selectFrom(TOPOLOGY_AT.call(tenant, to.atOffset(ZoneOffset.UTC)))
                .where(TOPOLOGY_AT.RELATION.eq("CALLS"))
                .forEach(edge -> builder.callGraphEdge(edge.getSrcUrn(), edge.getDstUrn()));
        anomalyStart.ifPresent(start -> builder.anomalyStart(start.getEpochSecond()));
        return Optional.of(new Loaded(builder.build(), step, dataVersion(tenantId, from, to, raw)));
    }

    private boolean hasRawSamples(long tenantId, Instant from, Instant to) {
        return db.fetchExists(DSL.selectOne().from(METRIC_SAMPLE)
                .where(METRIC_SAMPLE.TENANT_ID.eq(tenantId))
                .and(METRIC_SAMPLE.TS.ge(from.atOffset(ZoneOffset.UTC))).and(METRIC_SAMPLE.TS.lt(to.atOffset(ZoneOffset.UTC))));
    }

    /** The median sampling interval of the window's series, widened so the grid has at most maxSamples points. */
    private Duration step(long tenantId, Instant from, Instant to, boolean raw) {
        long nativeSeconds = 60;
        if (raw) {
            Field<Double> spacing = DSL.field("extract(epoch from max({0}) - min({0})) / nullif(count(*) - 1, 0)", Double.class, METRIC_SAMPLE.TS);
            Double median = db.select(DSL.percentileCont(0.5).withinGroupOrderBy(DSL.field("spacing", Double.class)).cast(Double.class))
                    .from(DSL.select(spacing.as("spacing")).from(METRIC_SAMPLE)
                            .where(METRIC_SAMPLE.TENANT_ID.eq(tenantId))
                            .and(METRIC_SAMPLE.TS.ge(from.atOffset(ZoneOffset.UTC))).and(METRIC_SAMPLE.TS.lt(to.atOffset(ZoneOffset.UTC)))
                            .groupBy(METRIC_SAMPLE.RESOURCE_ID, METRIC_SAMPLE.METRIC))
                    .fetchOne(0, Double.class);
            nativeSeconds = median == null ? 1 : Math.max(1, Math.round(median));
        }
        long byCount = (Duration.between(from, to).toSeconds() + maxSamples - 1) / maxSamples;
        return Duration.ofSeconds(Math.max(nativeSeconds, byCount));
    }

    private Result<Record4<String, String, OffsetDateTime, Double>> series(long tenantId, Instant from, Instant to, Duration step, boolean raw) {
        Field<OffsetDateTime> time = raw ? METRIC_SAMPLE.TS : METRIC_1M.BUCKET;
        Field<OffsetDateTime> bucket = DSL.field("public.time_bucket(make_interval(secs => {0}), {1}, {2})", OffsetDateTime.class,
                DSL.val((double) step.toSeconds()), time, DSL.val(from.atOffset(ZoneOffset.UTC)));
        Field<Double> value = raw ? DSL.avg(METRIC_SAMPLE.VALUE).cast(Double.class) : DSL.avg(METRIC_1M.AVG_VAL).cast(Double.class);
        Field<Long> resourceId = raw ? METRIC_SAMPLE.RESOURCE_ID : METRIC_1M.RESOURCE_ID;
        Field<String> metric = raw ? METRIC_SAMPLE.METRIC : METRIC_1M.METRIC;
        Field<Long> tenant = raw ? METRIC_SAMPLE.TENANT_ID : METRIC_1M.TENANT_ID;
        return db.select(DIM_RESOURCE.URN, metric, bucket, value)
                .from(raw ? METRIC_SAMPLE : METRIC_1M)
                .join(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(resourceId))
                .where(tenant.eq(tenantId)).and(DIM_RESOURCE.TYPE.eq("service"))
                .and(time.ge(from.atOffset(ZoneOffset.UTC))).and(time.lt(to.atOffset(ZoneOffset.UTC)))
                // By position: the bucket expression carries bind values, so repeating it would not match.
                .groupBy(DIM_RESOURCE.URN, metric, DSL.inline(3))
                .fetch();
    }

    /** Row count and latest timestamp of the window's data: late-arriving samples change it. */
    private String dataVersion(long tenantId, Instant from, Instant to, boolean raw) {
        Field<OffsetDateTime> time = raw ? METRIC_SAMPLE.TS : METRIC_1M.BUCKET;
        var row = db.select(DSL.count(), DSL.max(time))
                .from(raw ? METRIC_SAMPLE : METRIC_1M)
                .where((raw ? METRIC_SAMPLE.TENANT_ID : METRIC_1M.TENANT_ID).eq(tenantId))
                .and(time.ge(from.atOffset(ZoneOffset.UTC))).and(time.lt(to.atOffset(ZoneOffset.UTC)))
                .fetchOne();
        return (raw ? "raw:" : "1m:") + row.value1() + ":" + row.value2();
    }

    private static double[] nanArray(int length) {
        double[] values = new double[length];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }
}
