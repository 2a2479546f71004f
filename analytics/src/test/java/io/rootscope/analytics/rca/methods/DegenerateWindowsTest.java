package io.rootscope.analytics.rca.methods;

import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MetricType;
import io.rootscope.analytics.rca.RankedService;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every method ranks every service, with finite scores, on windows real data produces. */
class DegenerateWindowsTest {

    private static final int N = 30;

    private static long[] times() {
        long[] t = new long[N];
        for (int i = 0; i < N; i++) {
            t[i] = i;
        }
        return t;
    }

    private static double[] noise(Random random, double shift) {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = random.nextGaussian() + (i >= N / 2 ? shift : 0);
        }
        return x;
    }

    private static List<DiagnosisWindow> windows() {
        Random r = new Random(8);
        double[] empty = new double[N];
        Arrays.fill(empty, Double.NaN);
        return List.of(
                // the front-end has no metric at all; io exists for one service only
                DiagnosisWindow.builder(times(), "web").anomalyStart(N / 2)
                        .series("a", MetricType.CPU, noise(r, 3)).series("b", MetricType.CPU, noise(r, 0))
                        .series("b", MetricType.IO, noise(r, 0)).build(),
                // only the front-end, with an empty and a constant series
                DiagnosisWindow.builder(times(), "web").series("web", MetricType.CPU, empty)
                        .series("web", MetricType.MEMORY, new double[N]).build(),
                // no anomaly start; the front-end only has a type nobody else has
                DiagnosisWindow.builder(times(), "web").series("web", MetricType.LATENCY, noise(r, 2))
                        .series("a", MetricType.CPU, noise(r, 2)).series("b", MetricType.MEMORY, empty).build());
    }

    @Test
    void everyMethodRanksEveryServiceWithFiniteScores() {
        for (DiagnosisWindow window : windows()) {
            for (String name : RootCauseMethods.names()) {
                Diagnosis d = RootCauseMethods.create(name, Map.of()).rank(window);
                Set<String> ranked = d.ranking().stream().map(RankedService::service).collect(Collectors.toSet());
                assertEquals(Set.copyOf(window.services()), ranked, name + " on " + window);
                assertTrue(d.ranking().stream().allMatch(s -> Double.isFinite(s.score())), name + " on " + window);
            }
        }
    }
}
