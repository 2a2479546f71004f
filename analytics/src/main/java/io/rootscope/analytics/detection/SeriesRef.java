package io.rootscope.analytics.detection;

/** One tracked series: a metric of a resource, under the incident key of its rule and resource group. */
public record SeriesRef(IncidentKey key, String resource, MetricSelector metric) {
}
