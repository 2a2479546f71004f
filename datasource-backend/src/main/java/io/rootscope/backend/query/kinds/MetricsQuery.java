package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.METRIC_1H;
import static io.rootscope.backend.db.schema.Tables.METRIC_1M;
import static io.rootscope.backend.db.schema.Tables.METRIC_SAMPLE;
import static io.rootscope.backend.query.Payloads.utc;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.http.BadRequestException;
import io.rootscope.backend.http.Json;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import io.rootscope.backend.query.ResourceNames;
import io.rootscope.backend.query.ResourceFilters;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code metrics}: time series of one metric for one or more resources, from the finest table that covers
 * the range ({@code metric_sample}, {@code metric_1m}, {@code metric_1h}), bucketed so that no series has
 * more than {@code maxDataPoints} points.
 */
public final class MetricsQuery implements QueryKind {

    public enum Stat { AVG, MAX, P95 }

    public enum Resolution { AUTO, RAW, ONE_MINUTE, ONE_HOUR }

    /** Raw samples are kept for a week (metric_sample retention); older ranges read the rollups. */
    static final Duration RAW_HORIZON = Duration.ofDays(7);

    record Payload(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> resource,
                   String metric, String stat, String resolution) {
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public String label() {
        return "Metric series";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return List.of(
                PayloadOption.dynamicSelect("resource", "Resource", "URN, e.g. urn:k8s:svc:sock-shop/carts"),
                PayloadOption.dynamicSelect("metric", "Metric", "latency, throughput, cpu, ..."),
                PayloadOption.select("stat", "Statistic", Payloads.names(Stat.class)),
                PayloadOption.select("resolution", "Resolution", List.of("auto", "raw", "1m", "1h")));
    }

    @Override
    public List<PayloadOption.Choice> optionValues(QueryContext context, String field, JsonNode payload) {
        return switch (field) {
            case "resource" -> context.db().select(DIM_RESOURCE.URN, DIM_RESOURCE.NAME).from(DIM_RESOURCE)
                    .where(DIM_RESOURCE.TENANT_ID.eq(context.tenantId())).orderBy(DIM_RESOURCE.URN).limit(1000)
                    .fetch(r -> new PayloadOption.Choice(r.value2() + " (" + r.value1() + ")", r.value1()));
            case "metric" -> context.db().selectDistinct(METRIC_1M.METRIC).from(METRIC_1M)
                    .where(METRIC_1M.TENANT_ID.eq(context.tenantId())).and(METRIC_1M.BUCKET.ge(utc(context.from())))
                    .orderBy(METRIC_1M.METRIC).limit(1000)
                    .fetch(r -> new PayloadOption.Choice(r.value1(), r.value1()));
            default -> List.of();
        };
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        Payload payload = Json.convert(json, Payload.class, "payload");
        if (payload.resource() == null || payload.resource().isEmpty()) {
            throw new BadRequestException("payload.resource", "is required (a URN or a list of URNs)");
        }
        String metric = Payloads.required(payload.metric(), "metric");
        Stat stat = Payloads.choice(payload.stat(), Stat.class, Stat.AVG, "stat");
        Resolution resolution = resolution(payload.resolution());
        Duration range = Duration.between(context.from(), context.to());
        Duration wanted = stepFor(range, context.maxDataPoints(), context.intervalMs());
        Resolution source = resolution == Resolution.AUTO ? autoSource(range, wanted, context) : resolution;
        Duration step = atLeastSourceResolution(wanted, source);
        Result<Record3<String, Long, Double>> rows = fetch(context, payload.resource(), metric, stat, source, step);
        Map<String, DataFrame.Builder> frames = new LinkedHashMap<>();
        for (Record3<String, Long, Double> row : rows) {
            frames.computeIfAbsent(row.value1(), urn -> DataFrame.builder(urn)
                    .field("time", "time")
                    .field("value", "number", Map.of("displayNameFromDS", ResourceNames.shortName(urn) + " " + metric),
                            Map.of("resource", urn, "metric", metric, "stat", stat.name().toLowerCase(java.util.Locale.ROOT)))
                    .meta("custom", Map.of("source", source.name().toLowerCase(java.util.Locale.ROOT), "stepSeconds", step.toSeconds())))
                    .row(row.value2(), row.value3());
        }
        return frames.values().stream().map(DataFrame.Builder::build).toList();
    }

    private Result<Record3<String, Long, Double>> fetch(QueryContext context, List<String> resources, String metric,
                                                                  Stat stat, Resolution source, Duration step) {
        Table<?> table;
        Field<OffsetDateTime> time;
        Field<Long> resourceId;
        Field<Long> tenantId;
        Field<String> metricName;
        Field<Double> value;
        switch (source) {
            case RAW -> {
                table = METRIC_SAMPLE;
                time = METRIC_SAMPLE.TS;
                resourceId = METRIC_SAMPLE.RESOURCE_ID;
                tenantId = METRIC_SAMPLE.TENANT_ID;
                metricName = METRIC_SAMPLE.METRIC;
                value = switch (stat) {
                    case AVG -> DSL.avg(METRIC_SAMPLE.VALUE).cast(Double.class);
                    case MAX -> DSL.max(METRIC_SAMPLE.VALUE);
                    case P95 -> DSL.percentileCont(0.95).withinGroupOrderBy(METRIC_SAMPLE.VALUE).cast(Double.class);
                };
            }
            case ONE_HOUR -> {
                table = METRIC_1H;
                time = METRIC_1H.BUCKET;
                resourceId = METRIC_1H.RESOURCE_ID;
                tenantId = METRIC_1H.TENANT_ID;
                metricName = METRIC_1H.METRIC;
                value = aggregate(stat, METRIC_1H.AVG_VAL, METRIC_1H.MAX_VAL, METRIC_1H.P95_VAL);
            }
            default -> {
                table = METRIC_1M;
                time = METRIC_1M.BUCKET;
                resourceId = METRIC_1M.RESOURCE_ID;
                tenantId = METRIC_1M.TENANT_ID;
                metricName = METRIC_1M.METRIC;
                value = aggregate(stat, METRIC_1M.AVG_VAL, METRIC_1M.MAX_VAL, METRIC_1M.P95_VAL);
            }
        }
        // Epoch milliseconds rather than a timestamp: jOOQ reads a timestamptz as text and parses it, for every point.
        Field<Long> bucket = DSL.field("(extract(epoch from public.time_bucket(make_interval(secs => {0}), {1})) * 1000)::bigint", Long.class,
                DSL.val((double) step.toSeconds()), time).as("t");
        return context.db()
                .select(DIM_RESOURCE.URN, bucket, value)
                .from(table).join(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(resourceId))
                .where(DIM_RESOURCE.TENANT_ID.eq(context.tenantId()))
                // The fact table's own tenant: the leading column of its primary key. Without it (the join does not
                // imply it) PostgreSQL scans every sample of the range instead of the few series asked for.
                .and(tenantId.eq(context.tenantId()))
                .and(DIM_RESOURCE.URN.in(resources))
                .and(ResourceFilters.condition(context.filters()))
                .and(metricName.eq(metric))
                .and(time.ge(utc(context.from()))).and(time.lt(utc(context.to())))
                .groupBy(DIM_RESOURCE.URN, DSL.field("t"))
                .orderBy(DIM_RESOURCE.URN, DSL.field("t"))
                .fetch();
    }

    /** Coarser rows combine as: mean of means, max of maxima, max of p95s (an upper bound, as in metric_1h). */
    private static Field<Double> aggregate(Stat stat, Field<Double> avg, Field<Double> max, Field<Double> p95) {
        return switch (stat) {
            case AVG -> DSL.avg(avg).cast(Double.class);
            case MAX -> DSL.max(max);
            case P95 -> DSL.max(p95);
        };
    }

    private static Resolution resolution(String value) {
        if (value == null || value.isBlank()) {
            return Resolution.AUTO;
        }
        return switch (value) {
            case "auto" -> Resolution.AUTO;
            case "raw" -> Resolution.RAW;
            case "1m" -> Resolution.ONE_MINUTE;
            case "1h" -> Resolution.ONE_HOUR;
            default -> throw new BadRequestException("payload.resolution", "unknown value '" + value + "'; expected auto, raw, 1m or 1h");
        };
    }

    /** The bucket width: at least the panel's interval and no more points than maxDataPoints; whole seconds. */
    static Duration stepFor(Duration range, int maxDataPoints, long intervalMs) {
        long byPoints = (range.toMillis() + maxDataPoints - 1) / maxDataPoints;
        return Duration.ofSeconds(Math.max(1, (Math.max(byPoints, intervalMs) + 999) / 1000));
    }

    /** A rollup cannot be bucketed finer than its own rows. */
    private static Duration atLeastSourceResolution(Duration step, Resolution source) {
        Duration rows = switch (source) {
            case ONE_MINUTE -> Duration.ofMinutes(1);
            case ONE_HOUR -> Duration.ofHours(1);
            default -> Duration.ofSeconds(1);
        };
        return step.compareTo(rows) < 0 ? rows : step;
    }

    private static Resolution autoSource(Duration range, Duration step, QueryContext context) {
        boolean rawKept = context.from().isAfter(java.time.Instant.now().minus(RAW_HORIZON));
        if (step.compareTo(Duration.ofMinutes(1)) < 0 && rawKept) {
            return Resolution.RAW;
        }
        return step.compareTo(Duration.ofHours(1)) < 0 || range.compareTo(Duration.ofDays(2)) < 0 ? Resolution.ONE_MINUTE : Resolution.ONE_HOUR;
    }
}
