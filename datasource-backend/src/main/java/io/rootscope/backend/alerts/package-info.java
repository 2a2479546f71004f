/**
 * Grafana's alert notifications as incidents ({@link io.rootscope.backend.alerts.GrafanaAlerts}); the webhook's
 * controller is in {@code http}. A service: may use other services ({@code incident}, {@code query}), storage and
 * support, never {@code http}.
 */
package io.rootscope.backend.alerts;
