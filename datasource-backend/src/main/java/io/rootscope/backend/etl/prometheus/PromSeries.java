package io.rootscope.backend.etl.prometheus;

import java.util.List;
import java.util.Map;

/** One series of a {@code query_range} answer: its labels and its points in time order. */
public record PromSeries(Map<String, String> labels, List<PromPoint> points) {

    public PromSeries {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }
}
