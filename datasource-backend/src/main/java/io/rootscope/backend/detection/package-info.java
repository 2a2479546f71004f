/**
 * Incidents from metrics and from other detectors.
 *
 * <p>{@link io.rootscope.backend.detection.DetectionJob} applies the detection rules of
 * {@link io.rootscope.analytics.detection} to a tenant's {@code metric_sample} or {@code metric_1m} rows over a
 * window and stores incidents through {@link io.rootscope.backend.incident.IncidentStore}: dedup key
 * {@code detector:<rule>:<resource>:<anomaly start>}, source {@code rootscope-detector}, labels {@code rule} and
 * {@code group}, an evidence link per anomalous series. Its state is rebuilt from the database on every run (the
 * detectors' history before the window, the tracker's replay, the incidents still open), so there is nothing to
 * persist and a restart loses nothing. New incidents go to an {@link io.rootscope.backend.incident.IncidentListener},
 * where the diagnosis ({@code rca}) plugs in.
 *
 * <p>The same job watches the tenant's logs and spans ({@code log_event}, {@code log_pattern}, {@code trace_span}) with
 * the rules of {@link io.rootscope.analytics.detection.TelemetryDetection}: error-log surges and new error templates per
 * service, latency shifts, failing spans and disappearing calls per operation, so a fault in code opens an incident
 * while the metrics stay flat. Such an incident is titled by what opened it ("new ERROR template on carts: ...") and
 * links the template or the operation's spans as evidence.
 *
 * <p>{@link io.rootscope.backend.detection.ExternalEventIngestor} stores gala-anteater anomaly events
 * ({@link io.rootscope.backend.detection.AnteaterEventParser}) the same way, deduplicated by their event id.
 *
 * <p>A service: may use {@code incident}, {@code etl.aggregate}, {@code etl.parse}, {@code etl.runtime}, storage and
 * support, never {@code http} (the anteater endpoint's controller is there).
 */
package io.rootscope.backend.detection;
