package io.rootscope.backend.http;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.plugin.bundled.CorsPluginConfig.CorsRule;
import io.rootscope.backend.json.Json;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jooq.DSLContext;

/**
 * The HTTP application: routes, authentication, the bounds on what one client may send or hold ({@link HttpSettings}),
 * error mapping and self metrics, built from injected controllers so tests start it on a real database with
 * {@code JavalinTest}.
 */
public final class BackendApp {

    private BackendApp() {
    }

    public static Javalin create(DataSourceController dataSource, GrafanaAlertController alerts, AnteaterEventsController anteater,
                                 AdminController admin, IncidentDiagnosisController rediagnosis, DSLContext reader,
                                 SelfMetrics metrics, ApiAuth auth, HttpSettings http) {
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.showJavalinBanner = false;
            config.http.maxRequestSize = http.maxBodyBytes();
            config.appData(RequestBody.SETTINGS, http);
            // Explicit, so the bound on requests with a body (BodyRequestGate) always leaves threads for the rest.
            QueuedThreadPool threads = new QueuedThreadPool(HttpSettings.THREADS, 8, 60_000);
            threads.setName("http");
            config.jetty.threadPool = threads;
            config.jetty.modifyHttpConfiguration(jetty -> slowClientBounds(jetty, http));
            config.jetty.modifyServer(server -> {
                server.setHandler(new BodyRequestGate(http.maxBodyRequests(), http.maxBodyBytesInFlight()));
                idleTimeoutOnConnectors(server, http);
            });
            // Off unless origins are configured: Grafana calls from its server-side proxy, never from the browser.
            if (!http.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> allowOrigins(rule, http.corsOrigins())));
            }
        });
        app.before(auth::check);
        app.before(RequestBody::refuseDeclaredOverLimit);
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

    /**
     * A body read stalled past the idle timeout ends its request (408), as does a response read by the client under the
     * minimum rate. The request side of the rate is checked by {@link BoundedBodyStream}, with a grace Jetty lacks.
     */
    private static void slowClientBounds(HttpConfiguration jetty, HttpSettings http) {
        jetty.setIdleTimeout(http.idleTimeout().toMillis());
        jetty.setMinResponseDataRate(http.minDataRate());
    }

    /** Javalin adds its connector when the server starts; a silent connection on it is closed after the idle timeout. */
    private static void idleTimeoutOnConnectors(Server server, HttpSettings http) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector bounded) {
                        bounded.setIdleTimeout(http.idleTimeout().toMillis());
                    }
                }
            }
        });
    }

    private static void allowOrigins(CorsRule rule, List<String> origins) {
        if (origins.contains("*")) {
            rule.anyHost();
        } else {
            rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
        }
    }
}
