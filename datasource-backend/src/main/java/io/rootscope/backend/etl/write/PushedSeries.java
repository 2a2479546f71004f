package io.rootscope.backend.etl.write;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pushed time series in Prometheus's data model, whatever protocol brought it (Prometheus remote write, OTLP
 * metrics): its metric name, its other labels (held sorted by name), and its samples.
 */
public record PushedSeries(String name, Map<String, String> labels, List<PushedSample> samples) {

    public PushedSeries {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a series needs a metric name");
        }
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        samples = List.copyOf(samples);
    }
}
