package io.rootscope.workload.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/** Istio request counters and duration histograms, one per series, accumulated since start. */
public final class IstioCounters {

    private final Map<RequestSeries, LatencyHistogram> histograms = new LinkedHashMap<>();

    public void observe(RequestSeries series, double durationMs) {
        histograms.computeIfAbsent(series, s -> new LatencyHistogram()).observe(durationMs);
    }

    public Map<RequestSeries, LatencyHistogram.Snapshot> snapshot() {
        Map<RequestSeries, LatencyHistogram.Snapshot> copy = new LinkedHashMap<>();
        histograms.forEach((series, histogram) -> copy.put(series, histogram.snapshot()));
        return copy;
    }
}
