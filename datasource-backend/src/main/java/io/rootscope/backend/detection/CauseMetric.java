package io.rootscope.backend.detection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A metric an external detector names as a cause or companion of an anomaly (gala-anteater's
 * {@code Resource.cause_metrics} and {@code Resource.recommend_metrics}).
 *
 * @param resources the resources its labels may name, most specific first
 */
public record CauseMetric(String metricId, Map<String, String> labels, OptionalDouble score, Optional<String> description,
                          List<ResourceCandidate> resources) {

    public CauseMetric {
        labels = Map.copyOf(labels);
        resources = List.copyOf(resources);
    }
}
