package io.rootscope.backend;

import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.detection.DetectionSettings;
import io.rootscope.backend.rca.RcaService;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the whole backend process runs: its HTTP and database configuration, where it pulls metrics from, the
 * tenant and namespace of the telemetry it collects, the ETL's window timing, detection rules and the diagnosis
 * window around an incident. {@link #defaults} suits production; tests and the demo shrink the windows.
 */
public record RuntimeSettings(BackendConfig config, Optional<URI> prometheusUrl, String tenant, String namespace,
                              Duration etlWindow, Duration etlDelay, Duration etlLookback, Duration tickPeriod,
                              DetectionSettings detection, Duration rcaNormalLookback, Duration rcaAnomalySpan) {

    public static RuntimeSettings defaults(BackendConfig config) {
        return new RuntimeSettings(config, Optional.empty(), "default", "default", Duration.ofMinutes(1), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofSeconds(10), DetectionSettings.DEFAULT, RcaService.NORMAL_LOOKBACK_DEFAULT,
                RcaService.ANOMALY_SPAN_DEFAULT);
    }

    /** Reads ROOTSCOPE_PROMETHEUS_URL, ROOTSCOPE_TENANT and ROOTSCOPE_NAMESPACE over the defaults. */
    public static RuntimeSettings fromEnvironment(java.util.Map<String, String> env) {
        RuntimeSettings settings = defaults(BackendConfig.load(env));
        String prometheus = env.get("ROOTSCOPE_PROMETHEUS_URL");
        if (prometheus != null && !prometheus.isBlank()) {
            try {
                settings = settings.withPrometheus(URI.create(prometheus.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ROOTSCOPE_PROMETHEUS_URL is not a URL: " + prometheus);
            }
        }
        return settings.withTelemetry(env.getOrDefault("ROOTSCOPE_TENANT", "default"), env.getOrDefault("ROOTSCOPE_NAMESPACE", "default"));
    }

    public RuntimeSettings withPrometheus(URI url) {
        return new RuntimeSettings(config, Optional.of(url), tenant, namespace, etlWindow, etlDelay, etlLookback, tickPeriod,
                detection, rcaNormalLookback, rcaAnomalySpan);
    }

    public RuntimeSettings withTelemetry(String newTenant, String newNamespace) {
        return new RuntimeSettings(config, prometheusUrl, newTenant, newNamespace, etlWindow, etlDelay, etlLookback, tickPeriod,
                detection, rcaNormalLookback, rcaAnomalySpan);
    }

    public RuntimeSettings withEtlTiming(Duration window, Duration delay, Duration lookback, Duration tick) {
        return new RuntimeSettings(config, prometheusUrl, tenant, namespace, window, delay, lookback, tick,
                detection, rcaNormalLookback, rcaAnomalySpan);
    }

    public RuntimeSettings withDetection(DetectionSettings newDetection) {
        return new RuntimeSettings(config, prometheusUrl, tenant, namespace, etlWindow, etlDelay, etlLookback, tickPeriod,
                newDetection, rcaNormalLookback, rcaAnomalySpan);
    }

    public RuntimeSettings withDiagnosisWindow(Duration normalLookback, Duration anomalySpan) {
        return new RuntimeSettings(config, prometheusUrl, tenant, namespace, etlWindow, etlDelay, etlLookback, tickPeriod,
                detection, normalLookback, anomalySpan);
    }
}
