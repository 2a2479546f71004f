package io.rootscope.backend;

import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.detection.DetectionSettings;
import io.rootscope.backend.etl.prometheus.MetricQuery;
import io.rootscope.backend.etl.prometheus.PromQueryTemplates;
import io.rootscope.backend.ingest.LatenessBounds;
import io.rootscope.backend.rca.RcaService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the whole backend process runs: its HTTP and database configuration, where it pulls metrics from and with
 * which PromQL templates, the tenant and namespace of the telemetry it collects, the ETL's window timing, detection rules and the diagnosis
 * window around an incident, and how late a pushed record may arrive (its lateness horizon). {@link #defaults} suits
 * production; tests and the demo shrink the windows.
 */
public record RuntimeSettings(BackendConfig config, Optional<URI> prometheusUrl, List<MetricQuery> promQueries,
                              String tenant, String namespace,
                              Duration etlWindow, Duration etlDelay, Duration etlLookback, Duration tickPeriod,
                              DetectionSettings detection, Duration rcaNormalLookback, Duration rcaAnomalySpan,
                              Duration latenessHorizon) {

    public static RuntimeSettings defaults(BackendConfig config) {
        return new RuntimeSettings(config, Optional.empty(), PromQueryTemplates.DEFAULTS, "default", "default", Duration.ofMinutes(1), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofSeconds(10), DetectionSettings.DEFAULT, RcaService.NORMAL_LOOKBACK_DEFAULT,
                RcaService.ANOMALY_SPAN_DEFAULT, LatenessBounds.HORIZON_DEFAULT);
    }

    /**
     * Reads ROOTSCOPE_PROMETHEUS_URL, ROOTSCOPE_PROMQL_RATE_WINDOW_SECONDS (the default templates' rate range),
     * ROOTSCOPE_PROMQL_TEMPLATES (JSON changes to them, see {@link PromQueryTemplates}, inline or a file path),
     * ROOTSCOPE_TENANT, ROOTSCOPE_NAMESPACE and ROOTSCOPE_LATENESS_HORIZON_MINUTES over the defaults.
     */
    public static RuntimeSettings fromEnvironment(Map<String, String> env) {
        RuntimeSettings settings = defaults(BackendConfig.load(env));
        String prometheus = env.get("ROOTSCOPE_PROMETHEUS_URL");
        if (prometheus != null && !prometheus.isBlank()) {
            URI url;
            try {
                url = URI.create(prometheus.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ROOTSCOPE_PROMETHEUS_URL is not a URL: " + prometheus);
            }
            settings = settings.withPrometheus(url, promQueries(env));
        }
        return settings.withTelemetry(env.getOrDefault("ROOTSCOPE_TENANT", "default"), env.getOrDefault("ROOTSCOPE_NAMESPACE", "default"))
                .withLatenessHorizon(latenessHorizon(env));
    }

    private static Duration latenessHorizon(Map<String, String> env) {
        String minutes = env.get("ROOTSCOPE_LATENESS_HORIZON_MINUTES");
        if (minutes == null || minutes.isBlank()) {
            return LatenessBounds.HORIZON_DEFAULT;
        }
        long max = LatenessBounds.HORIZON_MAX.toMinutes();
        try {
            long value = Long.parseLong(minutes.trim());
            if (value >= 1 && value <= max) {
                return Duration.ofMinutes(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("ROOTSCOPE_LATENESS_HORIZON_MINUTES must be a whole number of minutes from 1 to " + max
                + " (staged rows are kept two days), got " + minutes);
    }

    private static List<MetricQuery> promQueries(Map<String, String> env) {
        List<MetricQuery> defaults = PromQueryTemplates.DEFAULTS;
        String window = env.get("ROOTSCOPE_PROMQL_RATE_WINDOW_SECONDS");
        if (window != null && !window.isBlank()) {
            try {
                defaults = PromQueryTemplates.defaults(Duration.ofSeconds(Long.parseLong(window.trim())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ROOTSCOPE_PROMQL_RATE_WINDOW_SECONDS must be a whole number of seconds, at least 1, got " + window);
            }
        }
        String templates = env.get("ROOTSCOPE_PROMQL_TEMPLATES");
        if (templates == null || templates.isBlank()) {
            return defaults;
        }
        String json = templates.trim();
        if (!json.startsWith("{")) {
            try {
                json = Files.readString(Path.of(json));
            } catch (IOException | InvalidPathException e) {
                throw new IllegalArgumentException("ROOTSCOPE_PROMQL_TEMPLATES: cannot read " + templates + ": " + e.getMessage());
            }
        }
        try {
            return PromQueryTemplates.fromJson(json, defaults);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ROOTSCOPE_PROMQL_TEMPLATES: " + e.getMessage());
        }
    }

    public RuntimeSettings withPrometheus(URI url, List<MetricQuery> queries) {
        return new RuntimeSettings(config, Optional.of(url), List.copyOf(queries), tenant, namespace, etlWindow, etlDelay, etlLookback, tickPeriod,
                detection, rcaNormalLookback, rcaAnomalySpan, latenessHorizon);
    }

    public RuntimeSettings withTelemetry(String newTenant, String newNamespace) {
        return new RuntimeSettings(config, prometheusUrl, promQueries, newTenant, newNamespace, etlWindow, etlDelay, etlLookback, tickPeriod,
                detection, rcaNormalLookback, rcaAnomalySpan, latenessHorizon);
    }

    public RuntimeSettings withEtlTiming(Duration window, Duration delay, Duration lookback, Duration tick) {
        return new RuntimeSettings(config, prometheusUrl, promQueries, tenant, namespace, window, delay, lookback, tick,
                detection, rcaNormalLookback, rcaAnomalySpan, latenessHorizon);
    }

    public RuntimeSettings withDetection(DetectionSettings newDetection) {
        return new RuntimeSettings(config, prometheusUrl, promQueries, tenant, namespace, etlWindow, etlDelay, etlLookback, tickPeriod,
                newDetection, rcaNormalLookback, rcaAnomalySpan, latenessHorizon);
    }

    public RuntimeSettings withDiagnosisWindow(Duration normalLookback, Duration anomalySpan) {
        return new RuntimeSettings(config, prometheusUrl, promQueries, tenant, namespace, etlWindow, etlDelay, etlLookback, tickPeriod,
                detection, normalLookback, anomalySpan, latenessHorizon);
    }

    public RuntimeSettings withLatenessHorizon(Duration horizon) {
        return new RuntimeSettings(config, prometheusUrl, promQueries, tenant, namespace, etlWindow, etlDelay, etlLookback, tickPeriod,
                detection, rcaNormalLookback, rcaAnomalySpan, horizon);
    }
}
