package io.rootscope.analytics.rca;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The input of a diagnosis: services × metric types × aligned time samples (NaN where missing), the front-end (or
 * SLI) service whose anomaly is diagnosed, optionally a known call graph (caller → callees), the anomaly start, and
 * the log events and spans of the same period when the source has them. Logs and spans before
 * {@link #evidenceSplitMillis} are the reference (normal) period. Immutable; build it with {@link #builder}.
 */
public final class DiagnosisWindow {

    /** Fewest samples a reference (normal) or anomalous period may have before {@link #normalEnd} falls back. */
    public static final int MIN_PERIOD_SAMPLES = 3;

    private final long[] times;
    private final List<String> services;
    private final List<MetricType> metricTypes;
    private final double[][][] values;
    private final String frontend;
    private final Map<String, Set<String>> callGraph;
    private final OptionalLong anomalyStart;
    private final List<LogEvent> logs;
    private final List<SpanRecord> spans;

    private DiagnosisWindow(Builder b, List<String> services, List<MetricType> metricTypes, double[][][] values) {
        this.times = b.times;
        this.services = services;
        this.metricTypes = metricTypes;
        this.values = values;
        this.frontend = b.frontend;
        Map<String, Set<String>> graph = new TreeMap<>();
        b.callGraph.forEach((caller, callees) ->
                graph.put(caller, Collections.unmodifiableSet(new TreeSet<>(callees))));
        this.callGraph = Collections.unmodifiableMap(graph);
        this.anomalyStart = b.anomalyStart;
        this.logs = sortedCopy(b.logs, Comparator.comparingLong(LogEvent::timeMillis));
        this.spans = sortedCopy(b.spans, Comparator.comparingLong(SpanRecord::startMicros));
    }

    private static <T> List<T> sortedCopy(List<T> items, Comparator<T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return Collections.unmodifiableList(copy);
    }

    /**
     * Starts a window.
     *
     * @param times    sample times (epoch seconds), strictly increasing, at least 2
     * @param frontend the front-end or SLI service whose anomaly is diagnosed
     */
    public static Builder builder(long[] times, String frontend) {
        return new Builder(times, frontend);
    }

    /** Number of samples. */
    public int length() {
        return times.length;
    }

    public long[] times() {
        return times.clone();
    }

    /** All services, the front-end included even when it has no metrics. */
    public List<String> services() {
        return services;
    }

    /** All metric types with at least one series. */
    public List<MetricType> metricTypes() {
        return metricTypes;
    }

    public String frontend() {
        return frontend;
    }

    public int frontendIndex() {
        return services.indexOf(frontend);
    }

    /** Known call graph, caller → callees; empty when unknown. */
    public Map<String, Set<String>> callGraph() {
        return callGraph;
    }

    public OptionalLong anomalyStart() {
        return anomalyStart;
    }

    /** Log events of the window in time order; empty when the source has no logs. */
    public List<LogEvent> logs() {
        return logs;
    }

    /** Spans of the window in start order; empty when the source has no traces. */
    public List<SpanRecord> spans() {
        return spans;
    }

    /**
     * Where logs and spans turn anomalous, epoch milliseconds: the anomaly start, else the time of the first
     * anomalous sample ({@link #normalEnd}).
     */
    public long evidenceSplitMillis() {
        return (anomalyStart.isPresent() ? anomalyStart.getAsLong() : times[normalEnd()]) * 1000L;
    }

    /** Whether service {@code service} has a series of type {@code type} (indices into the lists above). */
    public boolean hasSeries(int type, int service) {
        return values[type][service] != null;
    }

    /** A copy of one series, NaN where missing; empty when the service has no metric of that type. */
    public Optional<double[]> series(int type, int service) {
        double[] s = values[type][service];
        return s == null ? Optional.empty() : Optional.of(s.clone());
    }

    /**
     * Index of the first anomalous sample: the first sample at or after the anomaly start. When the start is unknown
     * or leaves fewer than {@link #MIN_PERIOD_SAMPLES} on either side, the window is split in half, so methods that
     * need a reference period always get one.
     */
    public int normalEnd() {
        if (anomalyStart.isPresent()) {
            int i = 0;
            while (i < times.length && times[i] < anomalyStart.getAsLong()) {
                i++;
            }
            if (i >= MIN_PERIOD_SAMPLES && times.length - i >= MIN_PERIOD_SAMPLES) {
                return i;
            }
        }
        return times.length / 2;
    }

    /** Collects series; {@link #build} derives congestion (throughput / latency) where both are present. */
    public static final class Builder {
        private final long[] times;
        private final String frontend;
        private final Map<String, Map<MetricType, double[]>> series = new LinkedHashMap<>();
        /** Preference of the rule that mapped each series added by {@link #metric}. */
        private final Map<String, Map<MetricType, Integer>> preferences = new LinkedHashMap<>();
        private final Map<String, Set<String>> callGraph = new TreeMap<>();
        private OptionalLong anomalyStart = OptionalLong.empty();
        private final List<LogEvent> logs = new ArrayList<>();
        private final List<SpanRecord> spans = new ArrayList<>();

        private Builder(long[] times, String frontend) {
            if (times == null || times.length < 2) {
                throw new IllegalArgumentException("a diagnosis window needs at least 2 samples");
            }
            for (int i = 1; i < times.length; i++) {
                if (times[i] <= times[i - 1]) {
                    throw new IllegalArgumentException("sample times must be strictly increasing, not at index " + i);
                }
            }
            if (frontend == null || frontend.isBlank()) {
                throw new IllegalArgumentException("the front-end service must be named");
            }
            this.times = times.clone();
            this.frontend = frontend;
        }

        /** Adds one series (copied), aligned with the sample times; NaN marks a missing sample. */
        public Builder series(String service, MetricType type, double[] values) {
            if (values.length != times.length) {
                throw new IllegalArgumentException("series " + service + "/" + type + " has " + values.length
                        + " samples, the window has " + times.length);
            }
            if (series.computeIfAbsent(service, s -> new LinkedHashMap<>()).putIfAbsent(type, values.clone()) != null) {
                throw new IllegalArgumentException("duplicate series " + service + "/" + type);
            }
            return this;
        }

        /**
         * Adds a series (copied) by its metric name, typed by {@code mapping}. When several metrics of a service map
         * to one type (p50, p90, p99 latency), the one of the most preferred rule is kept, the first on a tie.
         */
        public Builder metric(String service, String metric, double[] values, MetricNameMapping mapping) {
            MetricNameMapping.Match match = mapping.map(metric);
            Map<MetricType, Integer> mapped = preferences.computeIfAbsent(service, s -> new LinkedHashMap<>());
            Integer best = mapped.get(match.type());
            if (best != null && match.preference() >= best) {
                return this;
            }
            if (best != null) {
                series.get(service).remove(match.type());
            }
            mapped.put(match.type(), match.preference());
            return series(service, match.type(), values);
        }

        public Builder callGraphEdge(String caller, String callee) {
            callGraph.computeIfAbsent(caller, c -> new LinkedHashSet<>()).add(callee);
            return this;
        }

        public Builder anomalyStart(long epochSeconds) {
            anomalyStart = OptionalLong.of(epochSeconds);
            return this;
        }

        public Builder logs(Collection<LogEvent> events) {
            logs.addAll(events);
            return this;
        }

        public Builder spans(Collection<SpanRecord> records) {
            spans.addAll(records);
            return this;
        }

        public DiagnosisWindow build() {
            series.values().forEach(this::deriveCongestion);
            Set<String> named = new LinkedHashSet<>(series.keySet());
            // Services seen only in logs or spans are candidates too.
            logs.forEach(e -> named.add(e.service()));
            spans.forEach(r -> {
                named.add(r.service());
                if (r.peerService() != null) {
                    named.add(r.peerService());
                }
            });
            named.add(frontend);
            List<String> services = new ArrayList<>(named);
            Set<MetricType> present = new TreeSet<>();
            series.values().forEach(m -> present.addAll(m.keySet()));
            List<MetricType> types = orderTypes(present);
            double[][][] values = new double[types.size()][services.size()][];
            for (int t = 0; t < types.size(); t++) {
                for (int s = 0; s < services.size(); s++) {
                    values[t][s] = series.getOrDefault(services.get(s), Map.of()).get(types.get(t));
                }
            }
            return new DiagnosisWindow(this, List.copyOf(services), types, values);
        }

        private void deriveCongestion(Map<MetricType, double[]> byType) {
            double[] thr = byType.get(MetricType.THROUGHPUT);
            double[] lat = byType.get(MetricType.LATENCY);
            if (thr == null || lat == null || byType.containsKey(MetricType.CONGESTION)) {
                return;
            }
            double[] con = new double[thr.length];
            // A sample with load but no latency (none measured, or no request finished in it) divides by the last known
            // latency: left undefined, it would be gap-filled with the previous congestion, a stale 0 after a quiet
            // sample, and a reference flat at 0 makes any later load millions of deviations.
            double latency = Double.NaN;
            for (int i = 0; i < con.length; i++) {
                if (lat[i] > 0) {
                    latency = lat[i];
                }
                con[i] = thr[i] / latency;
            }
            byType.put(MetricType.CONGESTION, con);
        }

        /** AutoMAP types first in paper order, then the others by name: a stable order for weights and reports. */
        private static List<MetricType> orderTypes(Set<MetricType> present) {
            List<MetricType> types = new ArrayList<>();
            MetricType.AUTOMAP_TYPES.stream().filter(present::contains).forEach(types::add);
            present.stream().filter(t -> !MetricType.AUTOMAP_TYPES.contains(t)).forEach(types::add);
            return List.copyOf(types);
        }
    }

    @Override
    public String toString() {
        return "DiagnosisWindow[" + services.size() + " services, " + metricTypes + ", " + times.length
                + " samples, " + logs.size() + " log events, " + spans.size() + " spans, frontend=" + frontend
                + ", normalEnd=" + normalEnd() + "]";
    }
}
