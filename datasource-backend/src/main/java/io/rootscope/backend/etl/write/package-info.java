/**
 * Writes shared by the ETL and ingestion: URN to {@code dim_resource} id resolution, the binary COPY writers of
 * {@code metric_sample} and of the staged spans, calls and log events, the minute rollup, the upserts of {@code log_pattern} and {@code detail_locator}. Storage: the
 * services use it; it may use only {@code db} and support.
 */
package io.rootscope.backend.etl.write;
