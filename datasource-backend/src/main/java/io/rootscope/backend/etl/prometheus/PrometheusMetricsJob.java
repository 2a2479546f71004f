package io.rootscope.backend.etl.prometheus;

import io.rootscope.backend.etl.runtime.EtlJob;
import io.rootscope.backend.etl.runtime.JobContext;
import io.rootscope.backend.etl.runtime.JobOutcome;
import io.rootscope.backend.etl.runtime.JobStage;
import io.rootscope.backend.etl.runtime.SourceUnavailableException;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.DetailLocatorWriter;
import io.rootscope.backend.etl.write.LocatorSpec;
import io.rootscope.backend.etl.write.MetricMinuteRollup;
import io.rootscope.backend.etl.write.MetricSampleRow;
import io.rootscope.backend.etl.write.MetricSampleWriter;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.ResourceResolver;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Reads one window of every configured metric from Prometheus: evaluates each template over [from, to) at the
 * job's step, maps each series to a resource URN, writes the points to {@code metric_sample}, records the
 * PromQL as the window's {@code detail_locator}, and rolls the minutes of the window up into {@code metric_1m}
 * pointing at it. A series whose labels name no resource, and a NaN or infinite point (a ratio over no
 * requests), are counted as rejected; the rest of the window is written. All queries are made and all
 * resources resolved before anything is written.
 */
// JDBC: the ETL's scheduled runs: samples (COPY) and rollups on the window run's transaction (db/package-info).
public final class PrometheusMetricsJob implements EtlJob {

    private final PrometheusJobConfig config;
    private final PrometheusClient client;
    private final ResourceResolver resources;
    private final MetricSampleWriter samples = new MetricSampleWriter();
    private final DetailLocatorWriter locators = new DetailLocatorWriter();
    private final MetricMinuteRollup rollup = new MetricMinuteRollup();

    public PrometheusMetricsJob(PrometheusJobConfig config, PrometheusClient client, ResourceResolver resources) {
        this.config = config;
        this.client = client;
        this.resources = resources;
    }

    @Override
    public String name() {
        return config.name();
    }

    /** One circuit per Prometheus server, shared by the jobs of every tenant reading it. */
    @Override
    public String source() {
        return "prometheus " + client.baseUrl();
    }

    @Override
    public JobStage stage() {
        return JobStage.INGEST;
    }

    @Override
    public WindowSchedule schedule() {
        return config.schedule();
    }

    @Override
    public JobOutcome run(JobContext context) throws SourceUnavailableException, SQLException {
        Instant from = context.window().from();
        // query_range includes its end; the next window owns the point at `to`.
        Instant lastPoint = context.window().to().minus(config.step());
        Map<MetricQuery, List<PromSeries>> answers = new LinkedHashMap<>();
        for (MetricQuery query : config.queries()) {
            answers.put(query, client.queryRange(query.promql(), from, lastPoint, config.step()));
        }
        long rejected = 0;
        Map<MetricQuery, Map<PromSeries, ObservedResource>> mapped = new LinkedHashMap<>();
        for (Map.Entry<MetricQuery, List<PromSeries>> answer : answers.entrySet()) {
            Map<PromSeries, ObservedResource> resourceOf = new LinkedHashMap<>();
            for (PromSeries series : answer.getValue()) {
                Optional<ObservedResource> resource = answer.getKey().resource().of(series.labels(), config.defaultNamespace());
                if (resource.isPresent()) {
                    resourceOf.put(series, resource.get());
                } else {
                    rejected += series.points().size();
                }
            }
            mapped.put(answer.getKey(), resourceOf);
        }
        // Resolved before the first write: see ResourceResolver on why not in between.
        Map<String, Long> ids = resources.resolveAll(context.tenantId(),
                mapped.values().stream().flatMap(m -> m.values().stream()).toList());
        long written = 0;
        for (Map.Entry<MetricQuery, Map<PromSeries, ObservedResource>> answer : mapped.entrySet()) {
            MetricQuery query = answer.getKey();
            List<MetricSampleRow> rows = new ArrayList<>();
            for (Map.Entry<PromSeries, ObservedResource> series : answer.getValue().entrySet()) {
                long resourceId = ids.get(series.getValue().urn());
                for (PromPoint point : series.getKey().points()) {
                    if (Double.isFinite(point.value())) {
                        rows.add(new MetricSampleRow(resourceId, query.metric(), point.ts(), point.value()));
                    } else {
                        rejected++;
                    }
                }
            }
            written += samples.write(context.connection(), context.tenantId(), rows);
            long locatorId = locators.upsert(DSL.using(context.connection(), SQLDialect.POSTGRES), context.tenantId(), new LocatorSpec("prometheus", "metrics",
                    query.promql(), from, context.window().to(), Map.of("metric", query.metric(), "step_s", config.step().toMillis() / 1000.0)));
            written += rollup.rollup(context.connection(), context.tenantId(), List.of(query.metric()), from, context.window().to(), locatorId);
        }
        return new JobOutcome(written, rejected);
    }
}
