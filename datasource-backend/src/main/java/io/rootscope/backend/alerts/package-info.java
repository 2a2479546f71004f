/**
 * Grafana's alert notifications as incidents ({@link io.rootscope.backend.alerts.GrafanaAlerts}); the webhook's
 * controller is in {@code http}; a resolved alert's {@code root_cause} label confirms its incident's root cause. A
 * service: may use other services ({@code incident}, {@code query}, {@code rca}), storage and support, never {@code http}.
 */
package io.rootscope.backend.alerts;
