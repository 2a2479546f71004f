package io.rootscope.analytics.rca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The usable series of a window, gap-filled, per metric type. Empty series and series constant over the whole window
 * carry no information and would make correlations undefined, so they are dropped; a missing sample takes the last
 * known value (the next known one at the start), which adds no spurious variation. Cost O(types × services × samples).
 */
public final class CleanedMetrics {

    private final DiagnosisWindow window;
    private final int[][] services;
    private final double[][][] series;
    private final int[][] rowOf;

    public CleanedMetrics(DiagnosisWindow window) {
        this.window = window;
        int types = window.metricTypes().size();
        int n = window.services().size();
        services = new int[types][];
        series = new double[types][][];
        rowOf = new int[types][n];
        for (int t = 0; t < types; t++) {
            List<double[]> rows = new ArrayList<>();
            List<Integer> owners = new ArrayList<>();
            Arrays.fill(rowOf[t], -1);
            for (int s = 0; s < n; s++) {
                final int type = t;
                final int service = s;
                window.series(t, s).flatMap(CleanedMetrics::fill).ifPresent(filled -> {
                    rowOf[type][service] = rows.size();
                    rows.add(filled);
                    owners.add(service);
                });
            }
            services[t] = owners.stream().mapToInt(Integer::intValue).toArray();
            series[t] = rows.toArray(new double[0][]);
        }
    }

    public DiagnosisWindow window() {
        return window;
    }

    /** Indices (into {@link DiagnosisWindow#services()}) of the services with a usable series of this type. */
    public int[] services(int type) {
        return services[type];
    }

    /** The usable series of this type, row r belonging to {@code services(type)[r]}. Shared: do not modify. */
    public double[][] series(int type) {
        return series[type];
    }

    /** The usable series of a service, or null when it has none of this type. Shared: do not modify. */
    public double[] seriesOf(int type, int service) {
        int row = rowOf[type][service];
        return row < 0 ? null : series[type][row];
    }

    private static Optional<double[]> fill(double[] raw) {
        int first = 0;
        while (first < raw.length && Double.isNaN(raw[first])) {
            first++;
        }
        if (first == raw.length) {
            return Optional.empty();
        }
        double[] out = new double[raw.length];
        double last = raw[first];
        boolean varies = false;
        for (int i = 0; i < raw.length; i++) {
            if (!Double.isNaN(raw[i]) && !Double.isInfinite(raw[i])) {
                varies |= raw[i] != last && i > first;
                last = raw[i];
            }
            out[i] = last;
        }
        return varies ? Optional.of(out) : Optional.empty();
    }
}
