package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.query.Payloads.utc;

import io.rootscope.analytics.aggregation.BucketStatistics;
import io.rootscope.backend.db.ResultRows;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.kinds.MetricsQuery.Resolution;
import io.rootscope.backend.query.kinds.MetricsQuery.Stat;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/** The points of the {@code metrics} kind: one statistic per bucket of each series, from the table the query chose. */
final class MetricSeries {

    private MetricSeries() {
    }

    /** One bucket of one series. */
    interface PointConsumer {
        void accept(long resourceId, long epochMillis, Double value);
    }

    /**
     * The series' SQL for each table and statistic: constant texts, so the driver prepares each once per connection. {0} the
     * step in seconds, {1} the buckets' origin, {2} the tenant, {3} the resources, {4} the metric, {5} from, {6} to.
     */
    private static String seriesSql(Resolution source, Stat stat) {
        String table = switch (source) {
            case RAW -> "metric_sample";
            case ONE_HOUR -> "metric_1h";
            default -> "metric_1m";
        };
        String time = source == Resolution.RAW ? "ts" : "bucket";
        String value = source == Resolution.RAW
                ? switch (stat) {
                    case AVG -> "avg(value)";
                    case MAX -> "max(value)";
                    case P95 -> "percentile_cont(0.95) WITHIN GROUP (ORDER BY value)";
                }
                // Coarser rows combine as: mean of means, max of maxima, max of p95s (an upper bound, as in metric_1h).
                : switch (stat) {
                    case AVG -> "avg(avg_val)";
                    case MAX -> "max(max_val)";
                    case P95 -> "max(p95_val)";
                };
        // Epoch milliseconds as a float8 cast to bigint: extract() is numeric arithmetic per row, and a timestamptz would be
        // parsed on the way in. The fact table's tenant leads its primary key, so it is the first condition.
        return """
                SELECT resource_id, (date_part('epoch', public.time_bucket(make_interval(secs => {0}), %2$s, {1}::timestamptz)) * 1000)::bigint AS t, %3$s
                  FROM rootscope.%1$s
                 WHERE tenant_id = {2} AND resource_id = ANY ({3}) AND metric = {4} AND %2$s >= {5} AND %2$s < {6}
                 GROUP BY resource_id, t
                 ORDER BY resource_id, t""".formatted(table, time, value);
    }

    /**
     * Raw samples with their bucket, neither grouped nor sorted: for steps under a minute a bucket holds a few samples
     * (at most 60 at a 1 s scrape), and grouping them in PostgreSQL (sort, aggregate, percentile per bucket) cost more than
     * sending them; {@link BucketStatistics} computes the same values.
     */
    private static final String RAW_POINTS_SQL = """
            SELECT resource_id, (date_part('epoch', public.time_bucket(make_interval(secs => {0}), ts, {1}::timestamptz)) * 1000)::bigint AS t, value
              FROM rootscope.metric_sample
             WHERE tenant_id = {2} AND resource_id = ANY ({3}) AND metric = {4} AND ts >= {5} AND ts < {6}""";

    private static final Duration RAW_POINTS_BELOW = Duration.ofMinutes(1);

    /**
     * The bucketed points of the resources, read in place ({@link ResultRows}) rather than as jOOQ records: a panel reads
     * thousands of points, and building a record per row cost more CPU than the query itself.
     */
    static void forEachPoint(QueryContext context, Collection<Long> resourceIds, String metric, Stat stat,
                             Resolution source, Duration step, PointConsumer points) {
        boolean rawPoints = source == Resolution.RAW && step.compareTo(RAW_POINTS_BELOW) < 0;
        Map<Long, BucketStatistics> buckets = new HashMap<>();
        PointConsumer target = !rawPoints ? points
                : (resourceId, time, value) -> buckets.computeIfAbsent(resourceId, id -> new BucketStatistics()).add(time, value);
        query(context, rawPoints ? RAW_POINTS_SQL : SERIES_SQL.get(source).get(stat), resourceIds, metric, step, target);
        BucketStatistics.Statistic statistic = switch (stat) {
            case AVG -> BucketStatistics.Statistic.MEAN;
            case MAX -> BucketStatistics.Statistic.MAX;
            case P95 -> BucketStatistics.Statistic.P95;
        };
        buckets.forEach((resourceId, series) -> series.forEach(statistic, (time, value) -> points.accept(resourceId, time, value)));
    }

    private static void query(QueryContext context, String sql, Collection<Long> resourceIds, String metric, Duration step,
                              PointConsumer points) {
        ResultRows.forEach(context.db().resultQuery(sql, DSL.val((double) step.toSeconds()),
                DSL.val(utc(MetricsQuery.bucketOrigin(context.from(), step, context.maxDataPoints()))), DSL.val(context.tenantId()),
                DSL.val(resourceIds.toArray(Long[]::new)), DSL.val(metric), DSL.val(utc(context.from())), DSL.val(utc(context.to()))),
                rows -> {
                    double value = rows.getDouble(3);
                    points.accept(rows.getLong(1), rows.getLong(2), rows.wasNull() ? null : value);
                });
    }

    private static final Map<Resolution, Map<Stat, String>> SERIES_SQL = seriesSqlByKind();

    private static Map<Resolution, Map<Stat, String>> seriesSqlByKind() {
        Map<Resolution, Map<Stat, String>> sql = new EnumMap<>(Resolution.class);
        for (Resolution source : List.of(Resolution.RAW, Resolution.ONE_MINUTE, Resolution.ONE_HOUR)) {
            Map<Stat, String> byStat = new EnumMap<>(Stat.class);
            for (Stat stat : Stat.values()) {
                byStat.put(stat, seriesSql(source, stat));
            }
            sql.put(source, byStat);
        }
        return sql;
    }
}
