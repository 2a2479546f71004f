package io.rootscope.analytics.rca;

import java.util.List;
import java.util.Locale;

/**
 * A kind of per-service metric. The seven AutoMAP types (Ma et al., WWW 2020, Sect. 3.1) are constants; any other
 * per-service metric present in the data becomes a type of its own, named after the metric.
 *
 * @param name lower-case name, non-blank
 */
public record MetricType(String name) implements Comparable<MetricType> {

    public static final MetricType LATENCY = new MetricType("latency");
    public static final MetricType THROUGHPUT = new MetricType("throughput");
    /** Throughput divided by latency; derived by {@link DiagnosisWindow.Builder} when both are present. */
    public static final MetricType CONGESTION = new MetricType("congestion");
    public static final MetricType CPU = new MetricType("cpu");
    public static final MetricType IO = new MetricType("io");
    public static final MetricType MEMORY = new MetricType("memory");
    public static final MetricType AVAILABILITY = new MetricType("availability");

    /** The AutoMAP metric types, in the order of the paper. */
    public static final List<MetricType> AUTOMAP_TYPES =
            List.of(LATENCY, THROUGHPUT, CONGESTION, CPU, IO, MEMORY, AVAILABILITY);

    public MetricType {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("metric type name must not be blank");
        }
        name = name.toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(MetricType other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
