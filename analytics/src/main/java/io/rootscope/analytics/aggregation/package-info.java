/**
 * Time-bucketed rollups for the ETL: {@link io.rootscope.analytics.aggregation.MetricRollup} ({@code metric_1m}),
 * {@link io.rootscope.analytics.aggregation.ServiceCallStatistics} ({@code service_call_5m}) and
 * {@link io.rootscope.analytics.aggregation.LogPatternCounter} ({@code log_pattern_5m}), with
 * {@link io.rootscope.analytics.aggregation.NearestRankPercentile} percentiles; and
 * {@link io.rootscope.analytics.aggregation.BucketStatistics}, the per-bucket statistics of a metrics panel's raw samples.
 * No I/O.
 */
package io.rootscope.analytics.aggregation;
