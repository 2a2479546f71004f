/**
 * Writes shared by the ETL and ingestion: URN to {@code dim_resource} id resolution, the COPY writer of
 * {@code metric_sample}, the minute rollup, the upserts of {@code log_pattern} and {@code detail_locator}. Storage: the
 * services use it; it may use only {@code db} and support.
 */
package io.rootscope.backend.etl.write;
