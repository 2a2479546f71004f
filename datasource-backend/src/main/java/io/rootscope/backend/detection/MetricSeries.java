package io.rootscope.backend.detection;

import io.rootscope.analytics.detection.MetricSelector;
import io.rootscope.analytics.detection.SeriesPoint;
import java.util.List;

/** One metric series of one resource as read from the database, in ascending time order. */
record MetricSeries(long resourceId, String urn, MetricSelector metric, List<SeriesPoint> points) {
}
