package io.rootscope.backend;

import static io.rootscope.backend.db.schema.Tables.DIM_TENANT;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.BindableService;
import io.javalin.Javalin;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.admission.RequestBudget;
import io.rootscope.backend.alerts.GrafanaAlerts;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.config.EtlSettings;
import io.rootscope.backend.config.RunbookSettings;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.ReadRouting;
import io.rootscope.backend.db.SchemaMigrator;
import io.rootscope.backend.db.TenantReader;
import io.rootscope.backend.db.replica.ReplicaHeartbeat;
import io.rootscope.backend.db.replica.ReplicaLeases;
import io.rootscope.backend.detection.DetectionEtlJob;
import io.rootscope.backend.detection.ExternalEventIngestor;
import io.rootscope.backend.etl.aggregate.StagedTelemetryJob;
import io.rootscope.backend.etl.aggregate.TraceTopologyJob;
import io.rootscope.backend.etl.prometheus.PrometheusClient;
import io.rootscope.backend.etl.prometheus.PrometheusJobConfig;
import io.rootscope.backend.etl.prometheus.PrometheusMetricsJob;
import io.rootscope.backend.etl.pushed.PushedMetricsJob;
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
import io.rootscope.backend.graph.TopologyEdgeCache;
import io.rootscope.backend.http.AdminController;
import io.rootscope.backend.http.AnteaterEventsController;
import io.rootscope.backend.http.ApiAuth;
import io.rootscope.backend.http.BackendApp;
import io.rootscope.backend.http.DataSourceController;
import io.rootscope.backend.http.GrafanaAlertController;
import io.rootscope.backend.http.IncidentDiagnosisController;
import io.rootscope.backend.http.OtlpController;
import io.rootscope.backend.http.RemoteWriteController;
import io.rootscope.backend.http.ReplayController;
import io.rootscope.backend.http.RootCauseController;
import io.rootscope.backend.http.SelfMetrics;
import io.rootscope.backend.http.TenantResolver;
import io.rootscope.backend.incident.DeferredIncidentListener;
import io.rootscope.backend.incident.FailSafeListener;
import io.rootscope.backend.incident.IncidentListener;
import io.rootscope.backend.ingest.LatenessBounds;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.knowledge.InvalidRunbookException;
import io.rootscope.backend.knowledge.RunbookFinder;
import io.rootscope.backend.knowledge.RunbookLoader;
import io.rootscope.backend.knowledge.SentenceEmbedder;
import io.rootscope.backend.kafka.KafkaBridge;
import io.rootscope.backend.kafka.KafkaSettings;
import io.rootscope.backend.lifecycle.LifecycleScheduler;
import io.rootscope.backend.otlpgrpc.OtlpGrpcServer;
import io.rootscope.backend.otlpgrpc.OtlpLogsService;
import io.rootscope.backend.otlpgrpc.OtlpMetricsService;
import io.rootscope.backend.otlpgrpc.OtlpTraceService;
import io.rootscope.backend.query.QueryKinds;
import io.rootscope.backend.query.ResourceIds;
import io.rootscope.backend.query.VariableQueries;
import io.rootscope.backend.query.kinds.AnnotationsQuery;
import io.rootscope.backend.query.kinds.BehaviorGraphQuery;
import io.rootscope.backend.query.kinds.EvidenceQuery;
import io.rootscope.backend.query.kinds.HotspotsQuery;
import io.rootscope.backend.query.kinds.IncidentsQuery;
import io.rootscope.backend.query.kinds.LogPatternsQuery;
import io.rootscope.backend.query.kinds.MetricsQuery;
import io.rootscope.backend.query.kinds.RcaQuery;
import io.rootscope.backend.query.kinds.RunbooksQuery;
import io.rootscope.backend.query.kinds.SimilarIncidentsQuery;
import io.rootscope.backend.query.kinds.TopologyQuery;
import io.rootscope.backend.rca.DiagnosisWindowLoader;
import io.rootscope.backend.rca.RcaService;
import io.rootscope.backend.rca.RootCauseConfirmations;
import io.rootscope.backend.tenancy.ApiTokens;
import io.rootscope.backend.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultTransactionListenerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the whole backend built once from one {@link BackendConfig} and two connection pools —
 * {@code writer} (the application role: ETL, alerts, incidents' stored diagnoses and their re-diagnosis) and
 * {@code reader} (the read-only role every panel query runs as, ad-hoc diagnoses included; on a streaming standby when
 * {@code ROOTSCOPE_DB_READER_URL} names one, see {@link ReadRouting}). It makes the jOOQ contexts
 * (each with the configured query timeout, which jOOQ puts on every statement it runs), the one tenant resolver, the caches, the
 * controllers of the one route table ({@link BackendApp#routes}), the OTLP/gRPC services (listed once, here) and the ETL: the Prometheus job of
 * {@code ROOTSCOPE_TENANT} when a URL is set, the aggregation of pushed traces and logs for every tenant (tenants added
 * while it runs included), the call topology from traces, anomaly detection (each new incident diagnosed), the AGE
 * call-graph refresh and the lifecycle jobs; with {@code ROOTSCOPE_KAFKA_BOOTSTRAP}, the Kafka consumer and the diagnoses'
 * publisher ({@link KafkaBridge}). The runbook folder ({@code ROOTSCOPE_RUNBOOKS_DIR}) is loaded before the first request.
 */
public final class Backend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);

    private final Javalin app;
    private final List<BackendApp.Route> routes;
    private final SelfMetrics selfMetrics;
    private final ReplicaHeartbeat heartbeat;
    private final EtlScheduler etl;
    private final DeferredIncidentListener deferredDiagnoses;
    private final ReplayJobs replays;
    private final List<HikariDataSource> ownPools;
    private final KafkaSettings kafkaSettings;
    private final KafkaBridge.Services kafkaServices;
    // Set once Kafka started (after the server), read by /metrics scrapes.
    private volatile Optional<KafkaBridge> kafka = Optional.empty();
    private final ApiAuth auth;
    private final TenantResolver tenants;
    /** The OTLP/gRPC services, the one place they are listed. */
    private final List<BindableService> otlpServices;
    /** The requests with a body received at once and their bytes: one budget for HTTP and OTLP/gRPC together. */
    private final RequestBudget bodies;
    private Optional<OtlpGrpcServer> otlpGrpc = Optional.empty();

    private Backend(BackendConfig config, DataSource writer, ReadRouting reads, List<HikariDataSource> ownPools) {
        this.ownPools = ownPools;
        Settings timeout = new Settings().withQueryTimeout((int) config.limits().queryTimeout().toSeconds());
        // The writer's writes are counted so that panel reads on a standby see them (read-your-writes).
        ReadRouting.WriteListener writes = reads.writeListener();
        DSLContext writerDb = DSL.using(new DefaultConfiguration().set(writer).set(SQLDialect.POSTGRES).set(timeout)
                .set(new DefaultExecuteListenerProvider(writes)).set(new DefaultTransactionListenerProvider(writes)));
        TenantReader readers = new TenantReader(reads, timeout);
        tenants = new TenantResolver(writerDb);
        Clock clock = Clock.systemUTC();

        kafkaSettings = config.kafka();
        boolean publishDiagnoses = kafkaSettings.bootstrap().isPresent() && kafkaSettings.rcaTopic().isPresent();
        // A moment's metrics are stored once its ETL window has closed, waited its delay and been ticked over.
        Duration storeLag = config.etl().window().plus(config.etl().delay()).plus(config.etl().tickPeriod());
        RcaService rca = new RcaService(writerDb, new DiagnosisWindowLoader(writerDb, config.diagnoses()),
                config.window().normalLookback(), config.window().anomalySpan(), storeLag, config.diagnoses(), publishDiagnoses);
        IncidentListener diagnoses = new FailSafeListener(rca.listener(RootCauseMethods.DEFAULT, tenantCodes(writerDb)));
        RootCauseConfirmations confirmations = new RootCauseConfirmations(writerDb, rca);
        deferredDiagnoses = new DeferredIncidentListener(diagnoses, writerDb, config.replica().lease());
        SentenceEmbedder embedder = new SentenceEmbedder();
        RunbookFinder runbooks = new RunbookFinder(embedder);
        QueryKinds kinds = new QueryKinds(List.of(new MetricsQuery(new ResourceIds()), new IncidentsQuery(), new AnnotationsQuery(),
                new RcaQuery(rca), new BehaviorGraphQuery(rca), new TopologyQuery(new TopologyEdgeCache(), config.limits().maxGraphNodes()),
                new EvidenceQuery(runbooks), new HotspotsQuery(), new LogPatternsQuery(), new SimilarIncidentsQuery(),
                new RunbooksQuery(runbooks)));
        provisionRunbooks(config.runbooks(), new RunbookLoader(writerDb, embedder));

        ResourceResolver resources = new ResourceResolver(writer);
        TenantDirectory directory = new TenantDirectory(writerDb);
        JobRegistry jobs = new JobRegistry(sources(config.etl(), tenants.resolve(config.etl().tenant()), resources),
                perTenant(config, resources, deferredDiagnoses), directory, config.etl().tickPeriod(), clock);
        EtlMetrics etlMetrics = new EtlMetrics();
        heartbeat = new ReplicaHeartbeat(writerDb, config.replica(), clock);
        ReplicaLeases leases = new ReplicaLeases(writer, config.replica().id(), clock);
        JobRunStore runs = new JobRunStore(writer, JobRunStore.STALE_AFTER_DEFAULT, config.replica());
        WindowRunner runner = new WindowRunner(writer, runs, new CircuitBreaker(writer), RetryPolicy.DEFAULT, etlMetrics, clock);
        etl = new EtlScheduler(writer, jobs, runs, runner, new ActiveCallGraphRefresher(), new LifecycleScheduler(writer), etlMetrics, clock,
                leases, config.etl().tickPeriod());
        ReplayService replayService = new ReplayService(jobs, directory, runs, runner, clock);
        replays = new ReplayJobs(replayService);

        // A registry of its own: a second backend in the JVM (tests) would otherwise register the same metrics twice.
        selfMetrics = new SelfMetrics(new PrometheusRegistry());
        selfMetrics.include(etlMetrics::scrape);
        selfMetrics.include(reads::exposition);
        selfMetrics.include(() -> kafka.map(KafkaBridge::exposition).orElse(""));
        ApiTokens tokens = new ApiTokens(writerDb);
        // One ingestor and one anomaly ingestor for HTTP and Kafka alike: a tenant's log templates are mined in one tree.
        TelemetryIngestor pushes = new TelemetryIngestor(writer, resources,
                Optional.of(new LatenessBounds(config.etl().latenessHorizon(), clock)));
        ExternalEventIngestor anomalies = new ExternalEventIngestor(writerDb, diagnoses);
        kafkaServices = new KafkaBridge.Services(pushes, anomalies, leases, writerDb, TenantResolver.HEADER,
                tenants::resolve);
        auth = new ApiAuth(config.authToken(), tokens, clock);
        otlpServices = List.of(new OtlpTraceService(pushes), new OtlpLogsService(pushes), new OtlpMetricsService(pushes));
        BackendApp.Endpoints endpoints = new BackendApp.Endpoints(
                new DataSourceController(kinds, new VariableQueries(), tenants, readers, config.limits()),
                new GrafanaAlertController(new GrafanaAlerts(writerDb, diagnoses, confirmations), tenants),
                new AnteaterEventsController(anomalies, tenants),
                new AdminController(new Tenants(writerDb), tokens),
                new IncidentDiagnosisController(rca, tenants, readers),
                new RootCauseController(confirmations, tenants),
                new OtlpController(pushes, tenants),
                new RemoteWriteController(pushes, tenants),
                new ReplayController(replayService, replays, tenants),
                readers.unscoped(),
                selfMetrics);
        routes = BackendApp.routes(endpoints);
        bodies = new RequestBudget(config.http().maxBodyRequests(), config.http().maxBodyBytesInFlight());
        app = BackendApp.create(routes, selfMetrics, auth, config.http(), bodies);
    }

    /** Starts the listeners on the configured address: HTTP, and OTLP/gRPC unless it is off. */
    private void listen(BackendConfig config) {
        app.start(config.host(), config.port());
        if (config.otlpGrpcPort().isPresent()) {
            try {
                otlpGrpc = Optional.of(OtlpGrpcServer.start(config.host(), config.otlpGrpcPort().getAsInt(), config.http(), bodies,
                        auth, tenants, otlpServices));
            } catch (RuntimeException e) {
                app.stop();
                throw e;
            }
        }
    }

    /**
     * The backend process ({@code ./rootscope serve}): opens the pools, migrates the database, listens on the configured
     * address and runs the ETL. Throws with the cause when the database cannot be used.
     */
    public static Backend start(BackendConfig config) {
        HikariDataSource writer = DataSourceFactory.create(config.database().writer(), "writer");
        List<HikariDataSource> pools = new ArrayList<>(List.of(writer));
        try {
            new SchemaMigrator(writer).migrate();
            HikariDataSource reader = DataSourceFactory.create(config.database().reader(), "reader");
            pools.add(0, reader);
            ReadRouting reads = ReadRouting.primaryOnly(reader);
            if (config.database().standbyReader().isPresent()) {
                HikariDataSource standby = DataSourceFactory.createStandby(config.database().standbyReader().get(), "standby-reader");
                pools.add(0, standby);
                reads = ReadRouting.withStandby(reader, standby, config.database().standbyMaxWait());
            }
            Backend backend = new Backend(config, writer, reads, pools);
            backend.listen(config);
            backend.heartbeat.start();
            backend.etl.start();
            backend.deferredDiagnoses.start();
            backend.startKafka();
            return backend;
        } catch (RuntimeException e) {
            pools.forEach(HikariDataSource::close);
            throw e;
        }
    }

    /**
     * The same backend over pools the caller owns, listening on the configured address, with its ETL composed (replay
     * and pushes answer) but not ticking: tests and benchmarks on a shared database.
     */
    public static Backend serve(BackendConfig config, DataSource writer, DataSource reader) {
        return serve(config, writer, ReadRouting.primaryOnly(reader));
    }

    /** The same, its panel reads routed by {@code reads} (a standby's tests). */
    public static Backend serve(BackendConfig config, DataSource writer, ReadRouting reads) {
        Backend backend = new Backend(config, writer, reads, List.of());
        backend.listen(config);
        backend.heartbeat.start();
        backend.startKafka();
        return backend;
    }

    /** The Kafka consumer and publisher, when {@code ROOTSCOPE_KAFKA_BOOTSTRAP} is set. */
    private void startKafka() {
        kafka = KafkaBridge.start(kafkaSettings, kafkaServices);
    }

    /** The Kafka side, when it runs (tests read its counters). */
    public Optional<KafkaBridge> kafka() {
        return kafka;
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    /** The OTLP/gRPC listener's port; empty when it is off. */
    public OptionalInt otlpGrpcPort() {
        return otlpGrpc.map(server -> OptionalInt.of(server.port())).orElse(OptionalInt.empty());
    }

    /** The route table the application answers (for the test that it is the only one). */
    public List<BackendApp.Route> routes() {
        return routes;
    }

    public Javalin app() {
        return app;
    }

    /**
     * Stops taking requests (gRPC, then HTTP) and messages, then the ETL and pending diagnoses, then its heartbeat (what it
     * still holds is free for the other replicas at once), then the pools it opened.
     */
    @Override
    public void close() {
        otlpGrpc.ifPresent(OtlpGrpcServer::close);
        app.stop();
        kafka.ifPresent(KafkaBridge::close);
        selfMetrics.unregister();
        etl.close();
        try {
            replays.close();
            deferredDiagnoses.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.close();
        ownPools.forEach(HikariDataSource::close);
    }

    /** The provisioned runbook folder, loaded before the first request; a bad file is reported and changes nothing. */
    private static void provisionRunbooks(RunbookSettings settings, RunbookLoader loader) {
        settings.directory().ifPresent(folder -> {
            try {
                LOG.info("runbooks of tenant {} from {}: {}", settings.tenant(), folder, loader.load(folder, settings.tenant()));
            } catch (InvalidRunbookException | IllegalArgumentException e) {
                LOG.error("runbooks of tenant {} not loaded: {}", settings.tenant(), e.getMessage());
            }
        });
    }

    /** The Prometheus server is the source of ROOTSCOPE_TENANT alone; what is pushed is aggregated for every tenant. */
    private static List<ScheduledJob> sources(EtlSettings etl, long tenantId, ResourceResolver resources) {
        if (etl.prometheusUrl().isEmpty()) {
            return List.of();
        }
        WindowSchedule schedule = schedule(etl);
        return List.of(new ScheduledJob(new PrometheusMetricsJob(
                new PrometheusJobConfig("prometheus", step(etl.window()), etl.namespace(), etl.promQueries(), schedule),
                new PrometheusClient(etl.prometheusUrl().get()), resources), tenantId));
    }

    private static TenantJobs perTenant(BackendConfig config, ResourceResolver resources, IncidentListener diagnoses) {
        WindowSchedule schedule = schedule(config.etl());
        return id -> List.of(
                new PushedMetricsJob(config.etl().pushed(), step(config.etl().window()), config.etl().namespace(), schedule, resources),
                StagedTelemetryJob.traceCalls(schedule),
                StagedTelemetryJob.logPatternCounts(schedule),
                new TraceTopologyJob(new TopologySnapshotApplier(resources), schedule, TraceTopologyJob.ACTIVE_FOR_DEFAULT),
                new DetectionEtlJob(config.detection(), diagnoses, schedule));
    }

    private static WindowSchedule schedule(EtlSettings etl) {
        return new WindowSchedule(etl.window(), etl.delay(), etl.lookback(), 100);
    }

    /** The Prometheus query step: 15 s where it divides the window, else 1 s (short test and demo windows). */
    private static Duration step(Duration window) {
        return window.toMillis() % PrometheusJobConfig.STEP_DEFAULT.toMillis() == 0 ? PrometheusJobConfig.STEP_DEFAULT : Duration.ofSeconds(1);
    }

    private static LongFunction<String> tenantCodes(DSLContext db) {
        return tenantId -> db.select(DIM_TENANT.CODE).from(DIM_TENANT).where(DIM_TENANT.TENANT_ID.eq(tenantId)).fetchSingle(DIM_TENANT.CODE);
    }
}
