/**
 * Incidents: {@link io.rootscope.backend.incident.IncidentStore} opens, refreshes, resolves and links them;
 * {@link io.rootscope.backend.incident.IncidentListener} and its wrappers pass new ones on to the diagnosis. A service:
 * may use storage and support.
 */
package io.rootscope.backend.incident;
