/**
 * The AutoMAP metric types derived from pushed series ({@code pushed_sample}: Prometheus remote write, OTLP metrics)
 * into {@code metric_sample}, {@code metric_1m} and {@code detail_locator}, as {@code etl.prometheus} derives them
 * from a scraped Prometheus: {@link io.rootscope.backend.etl.pushed.PushedMetricsJob} evaluates
 * {@link io.rootscope.backend.etl.pushed.DerivationRule}s, a small explicit set of forms (not PromQL), per window.
 * A service: may use {@code etl.prometheus} (its resource mapping), {@code etl.runtime}, storage and support.
 */
package io.rootscope.backend.etl.pushed;
