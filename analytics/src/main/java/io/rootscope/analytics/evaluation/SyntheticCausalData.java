package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MetricType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic fault data from a linear structural-equation model over a known random DAG of services, for tests and the
 * scaling benchmark. Service 0 is the front-end; every other service i causes 1..{@code maxEffects} services of lower
 * index (its callers), so every anomaly can reach the front-end. Each metric type is its own SEM on that DAG:
 * x<sub>j</sub> = Σ<sub>p</sub> w<sub>pj</sub> x<sub>p</sub> + ε<sub>j</sub>, ε standard normal, weights
 * ±[0.5, 0.9]. From the anomaly start on, the root cause's noise is shifted by {@code faultShift} standard deviations
 * in every metric type, and the shift propagates downstream undiluted (values are not rescaled), as a real fault
 * reaches the front-end. O(types × edges × samples).
 */
public final class SyntheticCausalData {

    private final int services;
    private final boolean[][] causes;
    private final double[][][] weights;
    private final List<MetricType> types;

    /**
     * @param services   number of services, at least 2
     * @param maxEffects most callers a service has, at least 1
     * @param types      metric types to generate
     * @param random     source of the DAG, weights and noise
     */
    public SyntheticCausalData(int services, int maxEffects, List<MetricType> types, Random random) {
        if (services < 2 || maxEffects < 1 || types.isEmpty()) {
            throw new IllegalArgumentException("need >= 2 services, >= 1 effect and a metric type");
        }
        this.services = services;
        this.types = List.copyOf(types);
        causes = new boolean[services][services];
        for (int i = 1; i < services; i++) {
            int effects = 1 + random.nextInt(Math.min(maxEffects, i));
            for (int e = 0; e < effects; e++) {
                causes[i][random.nextInt(i)] = true;
            }
        }
        weights = new double[types.size()][services][services];
        for (double[][] w : weights) {
            for (int i = 0; i < services; i++) {
                for (int j = 0; j < services; j++) {
                    if (causes[i][j]) {
                        w[i][j] = (0.5 + 0.4 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
                    }
                }
            }
        }
    }

    /** Whether service {@code cause} directly causes service {@code effect} in the true DAG. */
    public boolean causes(int cause, int effect) {
        return causes[cause][effect];
    }

    public static String serviceName(int i) {
        return i == 0 ? "front-end" : "svc-" + i;
    }

    /**
     * A window: {@code samples} samples, the second half anomalous with the fault in {@code root}.
     *
     * @param root       the faulty service
     * @param faultShift noise shift in standard deviations (0 for no fault)
     */
    public DiagnosisWindow window(int samples, int root, double faultShift, Random random) {
        long[] times = new long[samples];
        for (int t = 0; t < samples; t++) {
            times[t] = 1_700_000_000L + t;
        }
        int start = samples / 2;
        DiagnosisWindow.Builder builder = DiagnosisWindow.builder(times, serviceName(0)).anomalyStart(times[start]);
        for (int m = 0; m < types.size(); m++) {
            double[][] x = sample(weights[m], samples, start, root, faultShift, random);
            for (int s = 0; s < services; s++) {
                builder.series(serviceName(s), types.get(m), x[s]);
            }
        }
        return builder.build();
    }

    /** The series of one metric type, generated from the deepest service (highest index) to the front-end. */
    private double[][] sample(double[][] w, int samples, int start, int root, double shift, Random random) {
        double[][] x = new double[services][samples];
        for (int j = services - 1; j >= 0; j--) {
            List<Integer> parents = new ArrayList<>();
            for (int p = j + 1; p < services; p++) {
                if (causes[p][j]) {
                    parents.add(p);
                }
            }
            for (int t = 0; t < samples; t++) {
                double v = random.nextGaussian() + (j == root && t >= start ? shift : 0);
                for (int p : parents) {
                    v += w[p][j] * x[p][t];
                }
                x[j][t] = v;
            }
        }
        return x;
    }
}
