package io.rootscope.backend.etl.runtime;

import java.sql.Connection;

/**
 * What one run of a job gets: the tenant and window to process, and the connection to write through. The
 * runner owns the connection's transaction and commits the writes together with the run's success, so a
 * window's rows and its "succeeded" mark become visible at once or not at all.
 */
// JDBC: the ETL's scheduled runs: a window run is one JDBC transaction (db/package-info).
public record JobContext(long tenantId, EtlWindow window, Connection connection) {
}
