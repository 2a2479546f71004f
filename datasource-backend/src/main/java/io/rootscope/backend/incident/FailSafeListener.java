package io.rootscope.backend.incident;

import io.rootscope.backend.refusal.InvalidInputException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes new incidents on to a listener, logging its failures instead of throwing them: the incident is stored
 * either way, and a failed diagnosis must not keep the incidents after it from theirs.
 */
public final class FailSafeListener implements IncidentListener {

    private static final Logger LOG = LoggerFactory.getLogger(FailSafeListener.class);

    private final IncidentListener delegate;

    public FailSafeListener(IncidentListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void opened(UUID eventId, long tenantId, String frontendUrn, Instant anomalyStart) {
        try {
            delegate.opened(eventId, tenantId, frontendUrn, anomalyStart);
        } catch (InvalidInputException e) {
            // A refusal (no data in the window, an unknown front-end) says all there is: no stack trace.
            LOG.warn("incident {} of tenant {} was not diagnosed: {}", eventId, tenantId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("incident listener failed for incident {} of tenant {}: {}", eventId, tenantId, e.getMessage(), e);
        }
    }
}
