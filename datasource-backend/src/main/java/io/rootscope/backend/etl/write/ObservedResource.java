package io.rootscope.backend.etl.write;

import io.rootscope.analytics.topology.Urn;
import java.util.regex.Pattern;

/**
 * A resource as a source names it: its URN (the key within a tenant), type and display name.
 *
 * @param urn  e.g. {@code urn:k8s:svc:sock-shop/carts} or {@code urn:host:node-1}
 * @param type e.g. {@code service}, {@code host}, {@code device}
 * @param name the display name
 */
public record ObservedResource(String urn, String type, String name) {

    /** The shape {@code dim_resource_urn_ck} enforces, checked here so a bad URN names itself before any SQL. */
    private static final Pattern URN = Pattern.compile("^urn:[a-z0-9]+(:[^:\\s]+)+$");

    public ObservedResource {
        if (urn == null || !URN.matcher(urn).matches()) {
            throw new IllegalArgumentException("urn must look like urn:<kind>:<part>[:<part>...] without spaces, got: " + urn);
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type of " + urn + " must not be empty");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name of " + urn + " must not be empty");
        }
    }

    /** A Kubernetes service, of the type the service variables and diagnoses select. */
    public static ObservedResource service(Urn urn) {
        return of(urn, "service");
    }

    /** A resource a source names by kind and name, shown by its normalised name. */
    public static ObservedResource of(Urn urn, String type) {
        return new ObservedResource(urn.format(), type, urn.name());
    }
}
