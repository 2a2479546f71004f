package io.rootscope.backend.http;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.rootscope.backend.alerts.GrafanaAlertWebhook;
import io.rootscope.backend.ingest.AnteaterEventsController;
import io.rootscope.backend.protocol.DataSourceController;
import io.rootscope.backend.rca.IncidentDiagnosisController;
import io.rootscope.backend.tenancy.AdminController;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The HTTP application: routes, authentication, error mapping and self metrics, built from injected
 * controllers so tests start it on a real database with {@code JavalinTest}.
 */
public final class BackendApp {

    private BackendApp() {
    }

    public static Javalin create(DataSourceController dataSource, GrafanaAlertWebhook alerts, AnteaterEventsController anteater,
                                 AdminController admin, IncidentDiagnosisController rediagnosis, DSLContext reader,
                                 SelfMetrics metrics, ApiAuth auth) {
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 32L * 1024 * 1024;
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.anyHost()));
        });
        app.before(auth::check);
        metrics.install(app);
        ErrorHandling.install(app);

        app.get("/health", ctx -> {
            reader.selectOne().fetch();
            ctx.json(Map.of("status", "up"));
        });
        app.get("/metrics", metrics::scrape);

        app.get("/", dataSource::testConnection);
        app.post("/metrics", dataSource::metrics);
        app.post("/metric-payload-options", dataSource::metricPayloadOptions);
        app.post("/query", dataSource::query);
        app.post("/variable", dataSource::variable);
        app.post("/tag-keys", dataSource::tagKeys);
        app.post("/tag-values", dataSource::tagValues);

        app.post("/alerts/grafana", alerts::receive);
        app.post("/events/anteater", anteater::receive);
        app.post("/incidents/{event_id}/diagnose", rediagnosis::diagnose);

        app.post("/admin/tenants", admin::addTenant);
        app.get("/admin/tenants", admin::listTenants);
        app.post("/admin/tokens", admin::issueToken);
        return app;
    }
}
