package io.rootscope.analytics.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/** Synthetic series for detector tests: one point a minute from T0, with bounded (uniform) noise. */
final class SyntheticSeries {

    static final long T0 = 1_700_000_040_000L;
    static final long STEP = 60_000L;

    private SyntheticSeries() {
    }

    static long at(int index) {
        return T0 + index * STEP;
    }

    /** {@code n} points whose i-th value is {@code level(i)} plus uniform noise in [−noise, noise]. */
    static List<SeriesPoint> of(int n, double noise, long seed, IntToDoubleFunction level) {
        Random random = new Random(seed);
        List<SeriesPoint> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new SeriesPoint(at(i), level.applyAsDouble(i) + noise * (2 * random.nextDouble() - 1)));
        }
        return points;
    }

    static List<SeriesPoint> values(double... values) {
        List<SeriesPoint> points = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            points.add(new SeriesPoint(at(i), values[i]));
        }
        return points;
    }

    /** Indices (from T0) of the anomalous verdicts. */
    static List<Integer> anomalousIndices(List<Verdict> verdicts) {
        return verdicts.stream().filter(Verdict::anomalous).map(v -> (int) ((v.epochMillis() - T0) / STEP)).toList();
    }

    static List<Integer> range(int fromInclusive, int toExclusive) {
        List<Integer> indices = new ArrayList<>();
        for (int i = fromInclusive; i < toExclusive; i++) {
            indices.add(i);
        }
        return indices;
    }
}
