package io.rootscope.backend.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The backend's own Prometheus metrics: requests by endpoint and status, and their latency. */
public final class SelfMetrics {

    private static final String START_NANOS = "rootscope.start";

    private final PrometheusRegistry registry;
    private final Counter requests;
    private final Histogram latency;
    /** Other components' metrics with registries of their own (the ETL's), appended to the scrape. */
    private final java.util.List<java.util.function.Supplier<String>> included = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SelfMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        this.requests = Counter.builder().name("rootscope_http_requests_total")
                .help("HTTP requests by endpoint and status").labelNames("method", "endpoint", "status").register(registry);
        this.latency = Histogram.builder().name("rootscope_http_request_duration_seconds")
                .help("HTTP request latency by endpoint").labelNames("method", "endpoint").register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Takes this backend's metrics out of the registry, so that another backend of the same process can register its own. */
    public void unregister() {
        registry.unregister(requests);
        registry.unregister(latency);
    }

    public void include(java.util.function.Supplier<String> exposition) {
        included.add(exposition);
    }

    public void install(Javalin app) {
        app.before(ctx -> ctx.attribute(START_NANOS, System.nanoTime()));
        app.after(this::record);
    }

    /** {@code GET /metrics} in the Prometheus text format. */
    public void scrape(Context ctx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        writer.write(out, registry.scrape());
        for (java.util.function.Supplier<String> exposition : included) {
            out.write(exposition.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ctx.contentType(writer.getContentType()).result(out.toByteArray());
    }

    private void record(Context ctx) {
        Long start = ctx.attribute(START_NANOS);
        // The matched route, not the raw path, keeps label cardinality bounded.
        String endpoint = ctx.endpointHandlerPath();
        String method = ctx.method().name();
        requests.labelValues(method, endpoint, String.valueOf(ctx.statusCode())).inc();
        if (start != null) {
            latency.labelValues(method, endpoint).observe((System.nanoTime() - start) / 1e9);
        }
    }
}
