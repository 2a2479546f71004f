package io.rootscope.backend.etl.runtime;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The ETL's own Prometheus metrics: how far each job lags behind, rows written and rejected, failed attempts and
 * open circuits. {@link #scrape()} renders them in the text exposition format for a {@code /metrics} endpoint.
 */
public final class EtlMetrics {

    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge windowLag = Gauge.builder().name("rootscope_etl_window_lag_seconds")
            .help("Time from the end of the job's latest succeeded window to now")
            .labelNames("job", "tenant").register(registry);
    private final Counter rowsWritten = Counter.builder().name("rootscope_etl_rows_written_total")
            .help("Rows inserted or changed by the job").labelNames("job").register(registry);
    private final Counter rowsRejected = Counter.builder().name("rootscope_etl_rows_rejected_total")
            .help("Input records the job refused").labelNames("job").register(registry);
    private final Counter failures = Counter.builder().name("rootscope_etl_failures_total")
            .help("Failed window attempts, by kind: source (unavailable) or job (error)").labelNames("job", "kind").register(registry);
    private final Gauge circuitOpen = Gauge.builder().name("rootscope_etl_circuit_open")
            .help("1 while the source's circuit breaker refuses calls").labelNames("source").register(registry);

    public void windowSucceeded(String job, JobOutcome outcome) {
        rowsWritten.labelValues(job).inc(outcome.rowsWritten());
        rowsRejected.labelValues(job).inc(outcome.rowsRejected());
    }

    public void windowFailed(String job, boolean sourceUnavailable) {
        failures.labelValues(job, sourceUnavailable ? "source" : "job").inc();
    }

    public void windowLag(String job, long tenantId, Duration lag) {
        windowLag.labelValues(job, Long.toString(tenantId)).set(lag.toMillis() / 1000.0);
    }

    public void circuit(String source, CircuitState state) {
        circuitOpen.labelValues(source).set(state.isOpen() ? 1 : 0);
    }

    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the ETL metrics", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
