package io.rootscope.backend.etl.write;

/**
 * The URNs the ETL sources build for the resources they observe. A minimal stand-in for the analytics
 * module's URN normalisation, which replaces it when both halves are merged.
 */
public final class ResourceUrns {

    private ResourceUrns() {
    }

    /** A Kubernetes service or workload: {@code urn:k8s:svc:<namespace>/<name>}. */
    public static ObservedResource k8sService(String namespace, String name) {
        return new ObservedResource("urn:k8s:svc:" + part("namespace", namespace) + "/" + part("name", name), "service", name);
    }

    /** A host or node: {@code urn:host:<name>}. */
    public static ObservedResource host(String name) {
        return new ObservedResource("urn:host:" + part("host name", name), "host", name);
    }

    /** A network device: {@code urn:net:device:<name>}. */
    public static ObservedResource networkDevice(String name, String type) {
        return new ObservedResource("urn:net:device:" + part("device name", name), type, name);
    }

    private static String part(String field, String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(c -> c == ':' || c == '/' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException(field + " must be non-empty without ':', '/' or spaces, got: '" + value + "'");
        }
        return value;
    }
}
