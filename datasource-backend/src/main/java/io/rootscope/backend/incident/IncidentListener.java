package io.rootscope.backend.incident;

import java.time.Instant;
import java.util.UUID;

/** Told when an incident opens, to diagnose it (the AutoMAP diagnosis is the listener in production). */
@FunctionalInterface
public interface IncidentListener {

    /**
     * @param frontendUrn  the SLI/front-end service whose anomaly is diagnosed
     * @param anomalyStart when the anomaly began
     */
    void opened(UUID eventId, long tenantId, String frontendUrn, Instant anomalyStart);
}
