package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.METRIC_1M;
import static io.rootscope.backend.query.Payloads.utc;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import io.rootscope.backend.query.ResourceChoices;
import io.rootscope.backend.query.ResourceFilters;
import io.rootscope.backend.query.ResourceIds;
import io.rootscope.backend.query.ResourceNames;
import io.rootscope.backend.refusal.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    private final ResourceIds resourceIds;

    public MetricsQuery(ResourceIds resourceIds) {
        this.resourceIds = resourceIds;
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
            case "resource" -> ResourceChoices.of(context);
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
            throw new InvalidInputException("payload.resource", "is required (a URN or a list of URNs)");
        }
        String metric = Payloads.required(payload.metric(), "metric");
        Stat stat = Payloads.choice(payload.stat(), Stat.class, Stat.AVG, "stat");
        Resolution resolution = resolution(payload.resolution());
        Duration range = Duration.between(context.from(), context.to());
        Duration wanted = stepFor(range, context.maxDataPoints(), context.intervalMs());
        Resolution source = resolution == Resolution.AUTO ? autoSource(range, wanted, context) : resolution;
        Duration step = atLeastSourceResolution(wanted, source);
        // The resources' ids first (from the database when ad-hoc filters narrow them, else as cached), then their series by
        // id: the series rows need no join and no URN, and their statement text is one of a few constants the driver keeps
        // prepared.
        Map<Long, String> urns = new LinkedHashMap<>();
        if (context.filters().isEmpty()) {
            urns.putAll(resourceIds.find(context.db(), context.tenantId(), payload.resource()));
        } else {
            context.db().select(DIM_RESOURCE.RESOURCE_ID, DIM_RESOURCE.URN).from(DIM_RESOURCE)
                    .where(DIM_RESOURCE.TENANT_ID.eq(context.tenantId()))
                    .and(DIM_RESOURCE.URN.in(payload.resource()))
                    .and(ResourceFilters.condition(context.filters()))
                    .orderBy(DIM_RESOURCE.URN)
                    .forEach(r -> urns.put(r.value1(), r.value2()));
        }
        if (urns.isEmpty()) {
            return List.of();
        }
        String statName = stat.name().toLowerCase(Locale.ROOT);
        Map<String, Object> meta = Map.of("source", source.name().toLowerCase(Locale.ROOT), "stepSeconds", step.toSeconds());
        Map<Long, DataFrame.Builder> frames = new HashMap<>();
        MetricSeries.forEachPoint(context, urns.keySet(), metric, stat, source, step, (resourceId, time, value) ->
                frames.computeIfAbsent(resourceId, id -> {
                    String urn = urns.get(id);
                    return DataFrame.builder(urn)
                            .field("time", "time")
                            .field("value", "number", Map.of("displayNameFromDS", ResourceNames.shortName(urn) + " " + metric),
                                    Map.of("resource", urn, "metric", metric, "stat", statName))
                            .meta("custom", meta);
                }).row(time, value));
        // Frames in URN order, as the resources were listed; a resource without points in the range has none.
        return urns.keySet().stream().filter(frames::containsKey).map(id -> frames.get(id).build()).toList();
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
            default -> throw new InvalidInputException("payload.resolution", "unknown value '" + value + "'; expected auto, raw, 1m or 1h");
        };
    }

    /**
     * The bucket width in whole seconds: at least the panel's interval, and wide enough that the range touches at most
     * maxDataPoints buckets ({@link #bucketOrigin}: aligned to the step, so a range not on a step boundary touches one
     * bucket more than range / step), and no wider than the range.
     */
    static Duration stepFor(Duration range, int maxDataPoints, long intervalMs) {
        long rangeMillis = Math.max(1, range.toMillis());
        long seconds = ceilDiv(Math.max(ceilDiv(rangeMillis, Math.max(1, maxDataPoints - 1)), intervalMs), 1000);
        // A step beyond the range gives the same single bucket; capped, no interval of PostgreSQL's overflows.
        return Duration.ofSeconds(Math.min(seconds, ceilDiv(rangeMillis, 1000)));
    }

    /**
     * Where buckets start: on multiples of the step since the epoch, so that a refreshed panel whose range moved keeps its
     * buckets (values do not wobble between refreshes); for a single point, at the range's start.
     */
    static Instant bucketOrigin(Instant from, Duration step, int maxDataPoints) {
        if (maxDataPoints == 1) {
            return from;
        }
        long seconds = step.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), seconds) * seconds);
    }

    /** a / b rounded up, for positive values, without the overflow of (a + b - 1) / b. */
    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
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
        boolean rawKept = context.from().isAfter(Instant.now().minus(RAW_HORIZON));
        if (step.compareTo(Duration.ofMinutes(1)) < 0 && rawKept) {
            return Resolution.RAW;
        }
        return step.compareTo(Duration.ofHours(1)) < 0 || range.compareTo(Duration.ofDays(2)) < 0 ? Resolution.ONE_MINUTE : Resolution.ONE_HOUR;
    }
}
