package io.rootscope.analytics.rca;

import java.util.Map;

/**
 * An edge of the anomaly behavior graph: the anomaly is believed to propagate from {@code cause} to {@code effect}
 * ({@code oriented} false when the data could not tell the direction), with its weight per metric type (absolute
 * correlation where the two services are dependent in that type, absent otherwise).
 */
public record BehaviorEdge(String cause, String effect, boolean oriented, Map<String, Double> weights) {
    public BehaviorEdge {
        weights = Map.copyOf(weights);
    }
}
