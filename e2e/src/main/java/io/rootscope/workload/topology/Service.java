package io.rootscope.workload.topology;

import java.util.Objects;

/**
 * One Sock Shop component, deployed as a single-replica Deployment of the same name.
 *
 * @param name    workload name, also the Kubernetes service and container name (e.g. {@code carts})
 * @param kind    what the component is
 * @param runtime implementation runtime (e.g. {@code java}, {@code go}, {@code mongodb}), used for logs and spans
 * @param profile normal-operation resource profile
 */
public record Service(String name, ServiceKind kind, String runtime, ServiceProfile profile) {

    public Service {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(profile, "profile");
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("service name must be a DNS label, got " + name);
        }
    }

    /** The in-cluster DNS name Istio reports as {@code destination_service}. */
    public String fqdn(String namespace) {
        return name + "." + namespace + ".svc.cluster.local";
    }
}
