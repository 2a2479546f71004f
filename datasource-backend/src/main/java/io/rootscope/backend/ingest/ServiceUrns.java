package io.rootscope.backend.ingest;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.parse.ServiceRef;
import java.util.HashMap;
import java.util.Map;

/**
 * The URN of each service one push names, made once per service: a batch names a handful of services thousands of
 * times, and checking and normalising a name is the dearest step of staging a record. One push's; not thread-safe.
 */
final class ServiceUrns {

    /** A service's URN and its text, or why its name cannot be one. */
    private record Outcome(Urn urn, String formatted, String problem) {
    }

    private final Map<ServiceRef, Outcome> outcomes = new HashMap<>();

    /**
     * The service's URN.
     *
     * @throws IllegalArgumentException if its name cannot be a Kubernetes service's
     */
    Urn urn(ServiceRef service) {
        return outcome(service).urn();
    }

    /**
     * The text of the service's URN, as {@code dim_resource} keys it.
     *
     * @throws IllegalArgumentException if its name cannot be a Kubernetes service's
     */
    String formatted(ServiceRef service) {
        return outcome(service).formatted();
    }

    private Outcome outcome(ServiceRef service) {
        Outcome outcome = outcomes.computeIfAbsent(service, ServiceUrns::make);
        if (outcome.problem() != null) {
            throw new IllegalArgumentException(outcome.problem());
        }
        return outcome;
    }

    private static Outcome make(ServiceRef service) {
        try {
            Urn urn = service.toUrn();
            return new Outcome(urn, urn.format(), null);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, null, e.getMessage());
        }
    }
}
