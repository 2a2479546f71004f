/**
 * The Prometheus ETL source: the {@code query_range} client, the AutoMAP PromQL templates and the job that writes
 * {@code metric_sample}. A service (an ETL source run by {@code etl.runtime}): may use {@code etl.runtime}, storage and
 * support.
 */
package io.rootscope.backend.etl.prometheus;
