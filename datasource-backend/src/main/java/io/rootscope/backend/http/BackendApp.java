package io.rootscope.backend.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.javalin.plugin.bundled.CorsPluginConfig.CorsRule;
import io.rootscope.backend.admission.RequestBudget;
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
 * The HTTP application: its one route table ({@link #routes}), authentication, the bounds on what one client may send or hold ({@link HttpSettings}),
 * error mapping and self metrics, built from injected controllers so tests start it on a real database with
 * {@code JavalinTest}.
 */
public final class BackendApp {

    private BackendApp() {
    }

    /** One route: a method, a path and the handler answering it. */
    public record Route(HandlerType method, String path, Handler handler) {
    }

    /** Every controller the HTTP API routes to, each built once by the composition root. */
    public record Endpoints(DataSourceController dataSource, GrafanaAlertController alerts, AnteaterEventsController anteater,
                            AdminController admin, IncidentDiagnosisController rediagnosis, RootCauseController rootCause,
                            OtlpController otlp, RemoteWriteController remoteWrite,
                            ReplayController replay, DSLContext health, SelfMetrics metrics) {
    }

    /**
     * The application answering {@code routes} (the table of {@link #routes}), and nothing else; its requests with a body
     * draw from {@code bodies}, the budget the OTLP/gRPC exports share.
     */
    public static Javalin create(List<Route> routes, SelfMetrics metrics, ApiAuth auth, HttpSettings http, RequestBudget bodies) {
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
                server.setHandler(new BodyRequestGate(bodies));
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
        routes.forEach(route -> app.addHttpHandler(route.method(), route.path(), route.handler()));
        return app;
    }

    /** The route table: every endpoint of the backend, in one place. */
    public static List<Route> routes(Endpoints e) {
        DataSourceController dataSource = e.dataSource();
        return List.of(
                new Route(HandlerType.GET, "/health", ctx -> {
                    e.health().selectOne().fetch();
                    ctx.json(Map.of("status", "up"));
                }),
                new Route(HandlerType.GET, "/metrics", e.metrics()::scrape),

                new Route(HandlerType.GET, "/", dataSource::testConnection),
                new Route(HandlerType.POST, "/metrics", dataSource::metrics),
                new Route(HandlerType.POST, "/metric-payload-options", dataSource::metricPayloadOptions),
                new Route(HandlerType.POST, "/query", dataSource::query),
                new Route(HandlerType.POST, "/variable", dataSource::variable),
                new Route(HandlerType.POST, "/tag-keys", dataSource::tagKeys),
                new Route(HandlerType.POST, "/tag-values", dataSource::tagValues),

                new Route(HandlerType.POST, "/alerts/grafana", e.alerts()::receive),
                new Route(HandlerType.POST, "/events/anteater", e.anteater()::receive),
                new Route(HandlerType.POST, "/incidents/{event_id}/diagnose", e.rediagnosis()::diagnose),
                new Route(HandlerType.POST, "/incidents/{event_id}/root-cause", e.rootCause()::confirm),

                new Route(HandlerType.POST, "/v1/traces", e.otlp()::traces),
                new Route(HandlerType.POST, "/v1/logs", e.otlp()::logs),
                new Route(HandlerType.POST, "/v1/metrics", e.otlp()::metrics),
                new Route(HandlerType.POST, "/v1/logs/text", e.otlp()::textLogs),
                new Route(HandlerType.POST, "/api/v1/write", e.remoteWrite()::write),
                new Route(HandlerType.POST, "/etl/replay", e.replay()::replay),
                new Route(HandlerType.GET, "/etl/replay/{id}", e.replay()::status),

                new Route(HandlerType.POST, "/admin/tenants", e.admin()::addTenant),
                new Route(HandlerType.GET, "/admin/tenants", e.admin()::listTenants),
                new Route(HandlerType.POST, "/admin/tokens", e.admin()::issueToken));
    }

    /**
     * A body read or a response write stalled past the idle timeout ends its request (a read with 408). The minimum rate
     * is checked on request bodies only, by {@link BoundedBodyStream} with a grace: Jetty's response rate has none and
     * counts from the first write, so a response paused by a loaded machine was aborted with nothing sent.
     */
    private static void slowClientBounds(HttpConfiguration jetty, HttpSettings http) {
        jetty.setIdleTimeout(http.idleTimeout().toMillis());
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
