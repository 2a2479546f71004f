package io.rootscope.backend;

import com.zaxxer.hikari.HikariDataSource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.SchemaMigrator;
import io.rootscope.backend.detection.DetectionEtlJob;
import io.rootscope.backend.etl.aggregate.StagedTelemetryJob;
import io.rootscope.backend.etl.aggregate.TraceTopologyJob;
import io.rootscope.backend.etl.prometheus.PrometheusClient;
import io.rootscope.backend.etl.prometheus.PrometheusJobConfig;
import io.rootscope.backend.etl.prometheus.PrometheusMetricsJob;
import io.rootscope.backend.etl.runtime.ActiveCallGraphRefresher;
import io.rootscope.backend.etl.runtime.CircuitBreaker;
import io.rootscope.backend.etl.runtime.EtlMetrics;
import io.rootscope.backend.etl.runtime.EtlScheduler;
import io.rootscope.backend.etl.runtime.JobRegistry;
import io.rootscope.backend.etl.runtime.JobRunStore;
import io.rootscope.backend.etl.runtime.ReplayJobs;
import io.rootscope.backend.etl.runtime.ReplayService;
import io.rootscope.backend.etl.runtime.RetryPolicy;
import io.rootscope.backend.etl.runtime.ScheduledJob;
import io.rootscope.backend.etl.runtime.TenantDirectory;
import io.rootscope.backend.etl.runtime.TenantJobs;
import io.rootscope.backend.etl.runtime.WindowRunner;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.topology.TopologySnapshotApplier;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.incident.DeferredIncidentListener;
import io.rootscope.backend.ingest.LatenessBounds;
import io.rootscope.backend.ingest.OtlpController;
import io.rootscope.backend.ingest.ReplayController;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.lifecycle.LifecycleScheduler;
import io.rootscope.backend.query.TenantResolver;
import io.rootscope.backend.rca.DiagnosisWindowLoader;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The whole backend in one process: migrations, the HTTP API (the data-source protocol, alerts, OTLP
 * {@code /v1/traces} and {@code /v1/logs}, {@code /etl/replay}), and the ETL scheduler — the Prometheus metrics
 * job when a URL is set, the aggregation of pushed traces and logs, the call topology from traces, anomaly
 * detection (each new incident diagnosed by AutoMAP), the AGE call-graph refresh and the lifecycle jobs. The jobs of
 * pushed telemetry run for every tenant, including tenants added while it runs; the Prometheus job for
 * {@code ROOTSCOPE_TENANT}.
 */
public final class BackendRuntime implements AutoCloseable {

    private final HikariDataSource writer;
    private final HikariDataSource reader;
    private final Backend backend;
    private final EtlScheduler etl;
    private final DeferredIncidentListener diagnoses;
    private final ReplayJobs replays;

    private BackendRuntime(RuntimeSettings settings) throws SQLException {
        writer = DataSourceFactory.create(settings.config().writer(), "writer");
        try {
            new SchemaMigrator(writer).migrate();
            reader = DataSourceFactory.create(settings.config().reader(), "reader");
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
        var writerDb = DSL.using(writer, SQLDialect.POSTGRES);
        // A registry of its own: a second runtime in the JVM (tests) would otherwise register the same metrics twice.
        backend = new Backend(writer, reader, settings.config().limits(), settings.config().authToken(), new PrometheusRegistry(),
                new DiagnosisWindowLoader(writerDb, settings.config().diagnoses()), settings.rcaNormalLookback(), settings.rcaAnomalySpan(), settings.config().diagnoses(),
                settings.config().http());
        diagnoses = new DeferredIncidentListener(backend.incidentListener(), writerDb);

        TenantResolver tenants = new TenantResolver(writerDb);
        long tenantId = tenants.resolve(settings.tenant());
        ResourceResolver resources = new ResourceResolver(writer);
        WindowSchedule schedule = new WindowSchedule(settings.etlWindow(), settings.etlDelay(), settings.etlLookback(), 100);
        // The Prometheus server is the source of ROOTSCOPE_TENANT alone; what is pushed is aggregated for every tenant.
        List<ScheduledJob> sources = new ArrayList<>();
        settings.prometheusUrl().ifPresent(url -> sources.add(new ScheduledJob(new PrometheusMetricsJob(
                new PrometheusJobConfig("prometheus", step(settings.etlWindow()), settings.namespace(), settings.promQueries(), schedule),
                new PrometheusClient(url), resources), tenantId)));
        TenantJobs perTenant = id -> List.of(
                StagedTelemetryJob.traceCalls(schedule),
                StagedTelemetryJob.logPatternCounts(schedule),
                new TraceTopologyJob(new TopologySnapshotApplier(resources), schedule, TraceTopologyJob.ACTIVE_FOR_DEFAULT),
                new DetectionEtlJob(settings.detection(), diagnoses, schedule));
        Clock clock = Clock.systemUTC();
        TenantDirectory directory = new TenantDirectory(writerDb);
        JobRegistry registry = new JobRegistry(sources, perTenant, directory, settings.tickPeriod(), clock);

        EtlMetrics etlMetrics = new EtlMetrics();
        JobRunStore runs = new JobRunStore(writer);
        WindowRunner runner = new WindowRunner(writer, runs, new CircuitBreaker(writer), RetryPolicy.DEFAULT, etlMetrics, clock);
        etl = new EtlScheduler(writer, registry, runs, runner, new ActiveCallGraphRefresher(), new LifecycleScheduler(writer), etlMetrics, clock);
        backend.selfMetrics().include(etlMetrics::scrape);

        OtlpController otlp = new OtlpController(new TelemetryIngestor(writer, resources,
                Optional.of(new LatenessBounds(settings.latenessHorizon(), clock))), tenants);
        ReplayService replayService = new ReplayService(registry, directory, runs, runner, clock);
        replays = new ReplayJobs(replayService);
        ReplayController replay = new ReplayController(replayService, replays, tenants);
        backend.app().post("/v1/traces", otlp::traces);
        backend.app().post("/v1/logs", otlp::logs);
        backend.app().post("/v1/logs/text", otlp::textLogs);
        backend.app().post("/etl/replay", replay::replay);
        backend.app().get("/etl/replay/{id}", replay::status);
        backend.app().start(settings.config().host(), settings.config().port());
        etl.start(settings.tickPeriod());
    }

    /** Migrates the database and starts everything; throws with the cause when the database cannot be used. */
    public static BackendRuntime start(RuntimeSettings settings) {
        try {
            return new BackendRuntime(settings);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the backend: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + backend.app().port();
    }

    public Backend backend() {
        return backend;
    }

    /** Stops taking requests, then the ETL and pending diagnoses, then the pools. */
    @Override
    public void close() {
        backend.app().stop();
        backend.selfMetrics().unregister();
        etl.close();
        try {
            replays.close();
            diagnoses.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
        writer.close();
    }

    /** The Prometheus query step: 15 s where it divides the window, else 1 s (short test and demo windows). */
    private static Duration step(Duration window) {
        return window.toMillis() % PrometheusJobConfig.STEP_DEFAULT.toMillis() == 0 ? PrometheusJobConfig.STEP_DEFAULT : Duration.ofSeconds(1);
    }
}
