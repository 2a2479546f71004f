/**
 * Pushed telemetry (OTLP/JSON traces and logs, plain-text logs) into the staging tables
 * ({@link io.rootscope.backend.ingest.TelemetryIngestor}), within the lateness bounds; the endpoints are in {@code http}.
 * A service: may use {@code etl.parse}, {@code etl.runtime}, storage and support.
 */
package io.rootscope.backend.ingest;
