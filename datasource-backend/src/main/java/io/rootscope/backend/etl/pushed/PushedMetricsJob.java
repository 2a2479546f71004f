package io.rootscope.backend.etl.pushed;

import io.rootscope.backend.etl.runtime.JobContext;
import io.rootscope.backend.etl.runtime.JobOutcome;
import io.rootscope.backend.etl.runtime.JobStage;
import io.rootscope.backend.etl.runtime.PendingBucketStore;
import io.rootscope.backend.etl.runtime.StagedBucketJob;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.DetailLocatorWriter;
import io.rootscope.backend.etl.write.LocatorSpec;
import io.rootscope.backend.etl.write.MetricMinuteRollup;
import io.rootscope.backend.etl.write.MetricSampleRow;
import io.rootscope.backend.etl.write.MetricSampleWriter;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.ResourceResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Derives the AutoMAP metric types from a tenant's pushed series ({@code pushed_sample}) per window, as the Prometheus
 * job derives them from a scraped Prometheus: evaluates every {@link DerivationRule} at each step of the window (the
 * same steps as the Prometheus job's {@code query_range}), maps each series to its resource, writes the points to
 * {@code metric_sample} (each (resource, metric, time) once), records a {@code detail_locator} per metric (the SQL
 * reading the rule's pushed series) and rolls the window's minutes up into {@code metric_1m}. A series that maps to
 * no resource is counted as rejected (its samples, per rule). Reading only pushed data, a step's value uses the
 * samples at or before it: a rate over the rate window, a gauge's last sample within Prometheus's five-minute lookback.
 *
 * <p>Late samples: every push notes its five-minute buckets ({@code pending_bucket} 'pushed_sample'), and a window run
 * forgets the notes of the buckets it covers whole before it reads them, so only a bucket pushed into after its window
 * ran keeps its note: once the windows are past it the scheduler reruns the whole bucket, which fills the points that
 * had no value when their window ran. A point already written keeps its value (metric_sample is written once, as from
 * Prometheus).
 */
// JDBC: the ETL's scheduled runs: samples (COPY) and rollups on the window run's transaction (db/package-info).
public final class PushedMetricsJob implements StagedBucketJob {

    /** PromQL's lookback for an instant vector: a gauge is stale five minutes after its last sample. */
    static final Duration GAUGE_LOOKBACK = Duration.ofMinutes(5);

    private final List<DerivationRule> rules;
    private final Duration rateWindow;
    private final Duration step;
    private final String defaultNamespace;
    private final WindowSchedule schedule;
    private final ResourceResolver resources;
    private final PushedSampleReader reader = new PushedSampleReader();
    private final PendingBucketStore pending = new PendingBucketStore();
    private final MetricSampleWriter samples = new MetricSampleWriter();
    private final DetailLocatorWriter locators = new DetailLocatorWriter();
    private final MetricMinuteRollup rollup = new MetricMinuteRollup();

    public PushedMetricsJob(DerivationSettings settings, Duration step, String defaultNamespace, WindowSchedule schedule,
                            ResourceResolver resources) {
        if (step.toMillis() < 1 || schedule.size().toMillis() % step.toMillis() != 0) {
            throw new IllegalArgumentException("step " + step + " must divide the window size " + schedule.size());
        }
        this.rules = settings.rules();
        this.rateWindow = settings.rateWindow();
        this.step = step;
        this.defaultNamespace = defaultNamespace;
        this.schedule = schedule;
        this.resources = resources;
    }

    @Override
    public String name() {
        return "pushed_metrics";
    }

    @Override
    public String source() {
        return "database";
    }

    /** Ingestion: its points are what the aggregation stage (detection) reads in the same tick. */
    @Override
    public JobStage stage() {
        return JobStage.INGEST;
    }

    @Override
    public WindowSchedule schedule() {
        return schedule;
    }

    @Override
    public String stagedTable() {
        return "pushed_sample";
    }

    @Override
    public JobOutcome run(JobContext context) throws SQLException {
        Instant from = context.window().from();
        Instant to = context.window().to();
        long[] steps = steps(from, to);
        // Forget, then read (each statement its own snapshot): a push committing after the forget keeps its note.
        Instant firstWhole = bucketStart(from.plus(BUCKET).minusNanos(1));
        Instant endOfWhole = bucketStart(to);
        if (firstWhole.isBefore(endOfWhole)) {
            pending.forget(context.connection(), context.tenantId(), stagedTable(), firstWhole, endOfWhole);
        }
        if (steps.length == 0 || !reader.anySeries(context.connection(), context.tenantId())) {
            return new JobOutcome(0, 0);
        }
        Instant readFrom = Instant.ofEpochMilli(steps[0]).minus(rateWindow.compareTo(GAUGE_LOOKBACK) > 0 ? rateWindow : GAUGE_LOOKBACK);
        Instant readTo = Instant.ofEpochMilli(steps[steps.length - 1]);
        Map<String, List<PushedSeriesData>> read = new HashMap<>();
        Map<String, Map<ObservedResource, double[]>> derived = new LinkedHashMap<>();
        long rejected = 0;
        for (DerivationRule rule : rules) {
            for (String name : rule.sourceNames()) {
                if (!read.containsKey(name)) {
                    read.put(name, reader.read(context.connection(), context.tenantId(), name, readFrom, readTo));
                }
            }
            RuleEvaluation evaluation = new RuleEvaluation(rule, steps, rateWindow.toMillis(), GAUGE_LOOKBACK.toMillis(), defaultNamespace);
            Map<ObservedResource, double[]> values = evaluation.evaluate(read);
            rejected += evaluation.rejected();
            Map<ObservedResource, double[]> metric = derived.computeIfAbsent(rule.metric(), m -> new LinkedHashMap<>());
            values.forEach((resource, points) -> fillGaps(metric.computeIfAbsent(resource, r -> nans(steps.length)), points));
        }
        return new JobOutcome(write(context, derived, steps), rejected);
    }

    private long write(JobContext context, Map<String, Map<ObservedResource, double[]>> derived, long[] steps) throws SQLException {
        Connection connection = context.connection();
        Map<String, Long> ids = resources.resolveAll(context.tenantId(),
                derived.values().stream().flatMap(m -> m.keySet().stream()).collect(Collectors.toSet()));
        long written = 0;
        for (Map.Entry<String, Map<ObservedResource, double[]>> metric : derived.entrySet()) {
            List<MetricSampleRow> rows = new ArrayList<>();
            metric.getValue().forEach((resource, points) -> {
                for (int i = 0; i < steps.length; i++) {
                    if (Double.isFinite(points[i])) {
                        rows.add(new MetricSampleRow(ids.get(resource.urn()), metric.getKey(), Instant.ofEpochMilli(steps[i]), points[i]));
                    }
                }
            });
            if (rows.isEmpty()) {
                continue;
            }
            written += samples.write(connection, context.tenantId(), rows);
            long locatorId = locators.upsert(DSL.using(connection, SQLDialect.POSTGRES), context.tenantId(), new LocatorSpec("postgres", "metrics",
                    sourceQuery(metric.getKey()), context.window().from(), context.window().to(),
                    Map.of("metric", metric.getKey(), "step_s", step.toMillis() / 1000.0, "rate_window_s", rateWindow.toMillis() / 1000.0)));
            written += rollup.rollup(connection, context.tenantId(), List.of(metric.getKey()), context.window().from(), context.window().to(), locatorId);
        }
        return written;
    }

    /** The SQL reading the pushed series a metric is derived from (over the locator's window). */
    private String sourceQuery(String metric) {
        String names = rules.stream().filter(r -> r.metric().equals(metric)).flatMap(r -> r.sourceNames().stream()).distinct()
                .map(name -> "'" + name.replace("'", "''") + "'").collect(Collectors.joining(", "));
        return "SELECT s.name, s.labels, p.ts, p.value FROM rootscope.pushed_series s JOIN rootscope.pushed_sample p"
                + " USING (tenant_id, series_id) WHERE s.name IN (" + names + ") AND p.ts >= $from AND p.ts < $to ORDER BY s.series_id, p.ts";
    }

    /** The start of the five-minute bucket holding {@code t}. */
    private static Instant bucketStart(Instant t) {
        long seconds = BUCKET.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
    }

    /** The evaluation times of a window: the multiples of the step in [from, to), in epoch milliseconds. */
    long[] steps(Instant from, Instant to) {
        long stepMillis = step.toMillis();
        long first = Math.floorDiv(from.toEpochMilli() + stepMillis - 1, stepMillis) * stepMillis;
        List<Long> times = new ArrayList<>();
        for (long t = first; t < to.toEpochMilli(); t += stepMillis) {
            times.add(t);
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    /** An earlier rule's value of a metric wins: a later one only fills the steps it left without one. */
    private static void fillGaps(double[] into, double[] values) {
        for (int i = 0; i < into.length; i++) {
            if (Double.isNaN(into[i])) {
                into[i] = values[i];
            }
        }
    }

    static double[] nans(int length) {
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
