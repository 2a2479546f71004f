/**
 * Time-bucketed statistics: {@link io.rootscope.analytics.aggregation.BucketStatistics}, the per-bucket mean, maximum or
 * p95 of a metrics panel's raw samples. No I/O.
 */
package io.rootscope.analytics.aggregation;
