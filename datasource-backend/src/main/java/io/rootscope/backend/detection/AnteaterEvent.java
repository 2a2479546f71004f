package io.rootscope.backend.detection;

import io.rootscope.analytics.logs.LogSeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One anomaly event of gala-anteater (its Kafka {@code model_topic} output).
 *
 * @param path       where the event is in the payload ({@code [2]} in an array, empty for a single object)
 * @param reportedAt {@code Timestamp}: when the detector reported, at the end of its detection window
 * @param window     {@code Resource.duration}: the detection window's length, zero when absent
 * @param metric     {@code Resource.metrics}: the anomalous metric
 * @param resources  the resources {@code Resource.metric_label} may name, most specific first, never empty
 */
public record AnteaterEvent(String path, Instant reportedAt, Duration window, String eventId, String entityId,
                            Optional<String> eventType, Optional<String> metric, OptionalDouble anomalyScore,
                            Map<String, String> labels, List<ResourceCandidate> resources, List<CauseMetric> causeMetrics,
                            LogSeverity severity, Optional<String> body) {

    public AnteaterEvent {
        labels = Map.copyOf(labels);
        resources = List.copyOf(resources);
        causeMetrics = List.copyOf(causeMetrics);
    }

    /** When the anomaly started at the latest: the start of the detection window. */
    public Instant anomalyStart() {
        return reportedAt.minus(window);
    }
}
