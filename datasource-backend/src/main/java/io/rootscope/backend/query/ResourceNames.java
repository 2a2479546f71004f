package io.rootscope.backend.query;

/** Display names of resources. */
public final class ResourceNames {

    private ResourceNames() {
    }

    /** The last segment of a URN: {@code urn:k8s:svc:shop/carts} → {@code carts}, {@code urn:host:node-1} → {@code node-1}. */
    public static String shortName(String urn) {
        return urn.substring(Math.max(urn.lastIndexOf('/'), urn.lastIndexOf(':')) + 1);
    }
}
