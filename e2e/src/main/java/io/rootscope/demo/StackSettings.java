package io.rootscope.demo;

import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.config.DiagnosisWindow;
import io.rootscope.backend.etl.prometheus.MetricQuery;
import io.rootscope.backend.etl.prometheus.PromQueryTemplates;
import io.rootscope.workload.topology.SockShopTopology;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The time scale of a demo stack: how often Prometheus scrapes, the range of the PromQL rates, the ETL's windows, how long the detection
 * baseline is and how much history a diagnosis compares the anomaly with.
 *
 * @param warmup how long to let the baseline fill before a fault is injected
 */
public record StackSettings(Duration scrapeInterval, Duration rateWindow, Duration etlWindow, Duration etlDelay, Duration etlLookback,
                            Duration tickPeriod, Duration detectionBaseline, Duration detectionReplay,
                            Duration rcaNormalLookback, Duration rcaAnomalySpan, Duration warmup, long workloadSeed) {

    /**
     * Minutes compressed to seconds: 1 s scrapes, rates over 15 s (instead of a minute, so a fault shows and fades
     * within seconds), 10 s windows, a 2-minute baseline, a diagnosis over the first 30 s of an anomaly against
     * the 4 minutes before it.
     */
    public static final StackSettings FAST = new StackSettings(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(2), Duration.ofMinutes(2),
            Duration.ofSeconds(30), Duration.ofMinutes(4), Duration.ofSeconds(30), Duration.ofSeconds(120), 1);

    /**
     * The demo's settings: {@link #FAST} with this warm-up, and a normal window no longer than it. The demo's tenant
     * outlives a run, and a rerun's first fault compared with a window reaching into the previous run, whose last
     * minutes hold that run's fault, ranks its target lower when the target is the same (2nd and 3rd, seen).
     */
    public static StackSettings demo(Duration warmup) {
        Duration normalLookback = FAST.rcaNormalLookback.compareTo(warmup) > 0 ? warmup : FAST.rcaNormalLookback;
        return new StackSettings(FAST.scrapeInterval, FAST.rateWindow, FAST.etlWindow, FAST.etlDelay, FAST.etlLookback,
                FAST.tickPeriod, FAST.detectionBaseline, FAST.detectionReplay, normalLookback, FAST.rcaAnomalySpan, warmup,
                FAST.workloadSeed);
    }

    /** The ETL's PromQL templates at this stack's rate window. */
    public List<MetricQuery> promQueries() {
        return PromQueryTemplates.defaults(rateWindow);
    }

    /** {@code config} on this time scale, pulling from the Prometheus at {@code prometheusUrl} for {@code tenant}. */
    public BackendConfig backendConfig(BackendConfig config, String tenant, URI prometheusUrl) {
        return config.withEtl(config.etl().withPrometheus(prometheusUrl, promQueries())
                        .withTelemetry(tenant, SockShopTopology.NAMESPACE)
                        .withTiming(etlWindow, etlDelay, etlLookback, tickPeriod))
                .withDetection(FastDetection.settings(detectionBaseline, detectionReplay))
                .withDiagnosisWindow(new DiagnosisWindow(rcaNormalLookback, rcaAnomalySpan));
    }
}
