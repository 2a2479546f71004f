package io.rootscope.backend.config;

import io.rootscope.backend.etl.prometheus.MetricQuery;
import io.rootscope.backend.etl.prometheus.PromQueryTemplates;
import io.rootscope.backend.etl.pushed.DerivationSettings;
import io.rootscope.backend.ingest.LatenessBounds;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The ETL of the backend process: the Prometheus server it pulls metrics from (none: no Prometheus job) with its PromQL
 * templates, the tenant and namespace of that telemetry, the rules deriving metrics from pushed series, the windows'
 * timing, and how late a pushed record may arrive.
 * {@link #DEFAULTS} suits production; tests and the demo shrink the windows.
 */
public record EtlSettings(Optional<URI> prometheusUrl, List<MetricQuery> promQueries, String tenant, String namespace,
                          Duration window, Duration delay, Duration lookback, Duration tickPeriod, Duration latenessHorizon,
                          DerivationSettings pushed) {

    public static final String TENANT_DEFAULT = "default";
    public static final String NAMESPACE_DEFAULT = "default";
    public static final EtlSettings DEFAULTS = new EtlSettings(Optional.empty(), PromQueryTemplates.DEFAULTS, TENANT_DEFAULT,
            NAMESPACE_DEFAULT, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(10),
            LatenessBounds.HORIZON_DEFAULT, DerivationSettings.DEFAULTS);

    public EtlSettings {
        promQueries = List.copyOf(promQueries);
    }

    public EtlSettings withPrometheus(URI url, List<MetricQuery> queries) {
        return new EtlSettings(Optional.of(url), queries, tenant, namespace, window, delay, lookback, tickPeriod, latenessHorizon, pushed);
    }

    public EtlSettings withTelemetry(String newTenant, String newNamespace) {
        return new EtlSettings(prometheusUrl, promQueries, newTenant, newNamespace, window, delay, lookback, tickPeriod, latenessHorizon, pushed);
    }

    public EtlSettings withTiming(Duration newWindow, Duration newDelay, Duration newLookback, Duration tick) {
        return new EtlSettings(prometheusUrl, promQueries, tenant, namespace, newWindow, newDelay, newLookback, tick, latenessHorizon, pushed);
    }

    public EtlSettings withPushed(DerivationSettings derivation) {
        return new EtlSettings(prometheusUrl, promQueries, tenant, namespace, window, delay, lookback, tickPeriod, latenessHorizon, derivation);
    }

    public EtlSettings withLatenessHorizon(Duration horizon) {
        return new EtlSettings(prometheusUrl, promQueries, tenant, namespace, window, delay, lookback, tickPeriod, horizon, pushed);
    }
}
