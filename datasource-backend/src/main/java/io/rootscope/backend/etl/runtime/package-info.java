/**
 * How ETL jobs run: windows, exactly-once claims in {@code etl_job_run}, retries, a circuit breaker per source, each
 * tenant's job DAG, late buckets, replay and the ETL's metrics. A service: may use {@code lifecycle}, storage and
 * support; the jobs of {@code etl.aggregate}, {@code etl.prometheus} and {@code etl.topology} plug into it.
 */
package io.rootscope.backend.etl.runtime;
