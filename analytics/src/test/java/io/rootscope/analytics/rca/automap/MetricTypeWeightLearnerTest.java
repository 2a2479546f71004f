package io.rootscope.analytics.rca.automap;

import io.rootscope.analytics.rca.MetricType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricTypeWeightLearnerTest {

    private static AnomalyProfile profile(String service) {
        return new AnomalyProfile(List.of(new ServiceProfile(service, Map.of("cpu", 1.0))));
    }

    @Test
    void weightsAreMeanPrecisionsOfTheMostSimilarPastAnomalies() {
        List<MetricType> types = List.of(MetricType.LATENCY, MetricType.CPU, MetricType.MEMORY);
        MetricTypeWeightLearner two = new MetricTypeWeightLearner(2);
        MetricTypeWeightLearner one = new MetricTypeWeightLearner(1);
        assertArrayEquals(new double[]{1, 1, 1}, two.weights(profile("a"), types));
        for (MetricTypeWeightLearner learner : List.of(two, one)) {
            learner.record(profile("a"), Map.of("latency", 1.0, "cpu", 0.5));
            learner.record(profile("a"), Map.of("latency", 0.5, "cpu", 0.5));
            learner.record(profile("b"), Map.of("latency", 0.0, "cpu", 1.0));
        }
        // the two "a" anomalies are the nearest; memory was never measured there
        assertArrayEquals(new double[]{0.75, 0.5, 1}, two.weights(profile("a"), types), 1e-12);
        assertArrayEquals(new double[]{0, 1, 1}, one.weights(profile("b"), types), 1e-12);
    }

    @Test
    void rejectsNoNeighbours() {
        assertThrows(IllegalArgumentException.class, () -> new MetricTypeWeightLearner(0));
    }
}
