/**
 * ETL jobs over what is already in the database: staged spans and log records folded into five-minute aggregates,
 * recent calls into the CALLS topology, late buckets recomputed. A service (an ETL stage run by {@code etl.runtime}):
 * may use {@code etl.runtime}, {@code etl.topology}, storage and support.
 */
package io.rootscope.backend.etl.aggregate;
