package io.rootscope.backend.etl.parse;

import io.rootscope.analytics.topology.Urn;

/**
 * A service as telemetry names it: the OTel {@code service.name} and, when known, its namespace
 * ({@code service.namespace} or {@code k8s.namespace.name}).
 *
 * @param namespace null when unknown
 */
public record ServiceRef(String name, String namespace) {

    /** The service name OTel SDKs report when none is configured. */
    public static final ServiceRef UNKNOWN = new ServiceRef("unknown_service", null);

    public ServiceRef {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("service name must not be blank");
        }
    }

    /**
     * The URN of this service.
     *
     * @throws IllegalArgumentException if the name cannot be a Kubernetes service name
     */
    public Urn toUrn() {
        return Urn.ofServiceName(name, namespace);
    }
}
