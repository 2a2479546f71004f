package io.rootscope.backend;

import static io.rootscope.backend.db.schema.Tables.DIM_TENANT;

import io.javalin.Javalin;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.alerts.GrafanaAlertWebhook;
import io.rootscope.backend.detection.ExternalEventIngestor;
import io.rootscope.backend.ingest.AnteaterEventsController;
import io.rootscope.backend.graph.TopologyEdgeCache;
import io.rootscope.backend.incident.FailSafeListener;
import io.rootscope.backend.incident.IncidentListener;
import io.rootscope.backend.incident.IncidentStore;
import io.rootscope.backend.rca.DiagnosisSettings;
import io.rootscope.backend.rca.DiagnosisWindowLoader;
import io.rootscope.backend.rca.IncidentDiagnosisController;
import io.rootscope.backend.rca.RcaService;
import java.time.Duration;
import io.rootscope.backend.query.kinds.BehaviorGraphQuery;
import io.rootscope.backend.query.kinds.RcaQuery;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rootscope.backend.http.BackendApp;
import io.rootscope.backend.db.TenantReader;
import io.rootscope.backend.http.ApiAuth;
import io.rootscope.backend.tenancy.AdminController;
import io.rootscope.backend.tenancy.ApiTokens;
import io.rootscope.backend.tenancy.Tenants;
import java.time.Clock;
import io.rootscope.backend.http.HttpSettings;
import io.rootscope.backend.http.SelfMetrics;
import io.rootscope.backend.protocol.DataSourceController;
import io.rootscope.backend.protocol.QueryLimits;
import io.rootscope.backend.query.QueryKinds;
import io.rootscope.backend.query.ResourceIds;
import io.rootscope.backend.query.TenantResolver;
import io.rootscope.backend.query.VariableQueries;
import io.rootscope.backend.query.kinds.AnnotationsQuery;
import io.rootscope.backend.query.kinds.EvidenceQuery;
import io.rootscope.backend.query.kinds.HotspotsQuery;
import io.rootscope.backend.query.kinds.IncidentsQuery;
import io.rootscope.backend.query.kinds.LogPatternsQuery;
import io.rootscope.backend.query.kinds.MetricsQuery;
import io.rootscope.backend.query.kinds.SimilarIncidentsQuery;
import io.rootscope.backend.query.kinds.TopologyQuery;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The backend assembled from its two connection pools: {@code writer} (the application role: ETL, alerts,
 * incidents' stored diagnoses and their re-diagnosis) and {@code reader} (the read-only role every panel query runs as,
 * ad-hoc diagnoses included).
 */
public final class Backend {

    private final Javalin app;
    private final RcaService rca;
    private final IncidentListener incidentListener;
    private final SelfMetrics selfMetrics;

    public Backend(DataSource writer, DataSource reader, QueryLimits limits, Optional<String> authToken,
                   PrometheusRegistry registry) {
        this(writer, reader, limits, authToken, registry, null, RcaService.NORMAL_LOOKBACK_DEFAULT, RcaService.ANOMALY_SPAN_DEFAULT,
                DiagnosisSettings.defaults(), HttpSettings.defaults());
    }

    /**
     * @param loader    how diagnoses read stored metrics (null: the default; incidents' diagnoses read through the writer,
     *                  panels' through the reader)
     * @param diagnoses the bounds of on-demand diagnoses (concurrency, queue wait, cache)
     */
    public Backend(DataSource writer, DataSource reader, QueryLimits limits, Optional<String> authToken,
                   PrometheusRegistry registry, DiagnosisWindowLoader loader, Duration normalLookback, Duration anomalySpan,
                   DiagnosisSettings diagnoses, HttpSettings http) {
        Settings timeout = new Settings().withQueryTimeout((int) limits.queryTimeout().toSeconds());
        TenantReader readers = new TenantReader(reader, timeout);
        DSLContext writerDb = DSL.using(writer, SQLDialect.POSTGRES, timeout);
        IncidentStore incidents = new IncidentStore(writerDb);
        this.rca = new RcaService(writerDb, loader == null ? new DiagnosisWindowLoader(writerDb, diagnoses) : loader, normalLookback, anomalySpan,
                diagnoses);
        TenantResolver tenants = new TenantResolver(writerDb);
        QueryKinds kinds = new QueryKinds(List.of(new MetricsQuery(new ResourceIds()), new IncidentsQuery(), new AnnotationsQuery(),
                new RcaQuery(rca), new BehaviorGraphQuery(rca), new TopologyQuery(new TopologyEdgeCache(), limits.maxGraphNodes()), new EvidenceQuery(), new HotspotsQuery(),
                new LogPatternsQuery(), new SimilarIncidentsQuery()));
        DataSourceController dataSource = new DataSourceController(kinds, new VariableQueries(), tenants, readers, limits);
        this.incidentListener = new FailSafeListener(rca.listener(RootCauseMethods.DEFAULT, tenantCodes(writerDb)));
        GrafanaAlertWebhook alerts = new GrafanaAlertWebhook(incidents, tenants, incidentListener);
        AnteaterEventsController anteater = new AnteaterEventsController(new ExternalEventIngestor(writerDb, incidentListener), tenants);
        this.selfMetrics = new SelfMetrics(registry);
        ApiTokens tokens = new ApiTokens(writerDb);
        AdminController admin = new AdminController(new Tenants(writerDb), tokens);
        IncidentDiagnosisController rediagnosis = new IncidentDiagnosisController(rca, tenants, readers);
        this.app = BackendApp.create(dataSource, alerts, anteater, admin, rediagnosis, readers.unscoped(), selfMetrics,
                new ApiAuth(authToken, tokens, Clock.systemUTC()), http);
    }

    public Javalin app() {
        return app;
    }

    /** The backend's {@code GET /metrics}, to which other components add theirs. */
    public SelfMetrics selfMetrics() {
        return selfMetrics;
    }

    public RcaService rca() {
        return rca;
    }

    /** Diagnoses incidents as they open (detectors and alerts report through it). */
    public IncidentListener incidentListener() {
        return incidentListener;
    }

    private static java.util.function.LongFunction<String> tenantCodes(DSLContext db) {
        return tenantId -> db.select(DIM_TENANT.CODE).from(DIM_TENANT).where(DIM_TENANT.TENANT_ID.eq(tenantId)).fetchSingle(DIM_TENANT.CODE);
    }
}
