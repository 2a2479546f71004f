package io.rootscope.analytics.topology;

import java.util.Arrays;

/**
 * The normalised name of a resource in the topology, e.g. {@code urn:k8s:svc:shop/cart},
 * {@code urn:k8s:pod:shop/cart-7d4b9-x2lkq}, {@code urn:host:node-1.example.com},
 * {@code urn:db:pg-1.example.com/Orders} or {@code urn:net:device:core-sw-01}.
 *
 * <p>Creating one normalises it: the {@code urn:} prefix and kind are matched case-insensitively and DNS-style
 * names lower-cased (see {@link ResourceKind}), so two spellings of one resource give equal URNs and the
 * database caches one resource id per URN. Malformed input is rejected with an {@link IllegalArgumentException}
 * naming the problem.
 *
 * @param scope the namespace or server of a scoped kind, null otherwise
 */
public record Urn(ResourceKind kind, String scope, String name) {

    private static final String URN_PREFIX = "urn:";
    /** The namespace assumed for a service name given without one, as Kubernetes does. */
    public static final String NAMESPACE_DEFAULT = "default";

    public Urn {
        if (kind == null) {
            throw new IllegalArgumentException("URN kind must not be null");
        }
        if (kind.isScoped()) {
            scope = kind.scopeRule().normalise(scope, kind.prefix() + " scope");
        } else if (scope != null) {
            throw new IllegalArgumentException(kind.prefix() + " takes no scope, got '" + scope + "'");
        }
        name = kind.nameRule().normalise(name, kind.prefix() + " name");
    }

    /**
     * Parses and normalises a URN.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static Urn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("URN must not be null");
        }
        String trimmed = text.trim();
        if (!trimmed.regionMatches(true, 0, URN_PREFIX, 0, URN_PREFIX.length())) {
            throw new IllegalArgumentException("malformed URN '" + text + "': must start with 'urn:'");
        }
        String rest = trimmed.substring(URN_PREFIX.length());
        for (ResourceKind kind : ResourceKind.values()) {
            String prefix = kind.prefix() + ":";
            if (rest.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return ofId(kind, rest.substring(prefix.length()), text);
            }
        }
        throw new IllegalArgumentException("malformed URN '" + text + "': unknown resource kind, expected one of "
                + Arrays.stream(ResourceKind.values()).map(ResourceKind::prefix).toList());
    }

    private static Urn ofId(ResourceKind kind, String id, String text) {
        try {
            if (!kind.isScoped()) {
                return new Urn(kind, null, id);
            }
            int slash = id.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException(kind.prefix() + " needs <scope>/<name>");
            }
            return new Urn(kind, id.substring(0, slash), id.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed URN '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The URN of a Kubernetes Service. */
    public static Urn k8sService(String namespace, String name) {
        return new Urn(ResourceKind.K8S_SERVICE, namespace, name);
    }

    /**
     * The URN of the Kubernetes Service behind a service name as telemetry reports it: a bare name
     * ({@code cart}) in the given namespace, or {@link #NAMESPACE_DEFAULT} when that is null or blank; or a
     * cluster DNS name ({@code cart.shop}, {@code cart.shop.svc.cluster.local}) whose second label is the
     * namespace. Service names cannot contain dots, so a dot always means a DNS name.
     */
    public static Urn ofServiceName(String serviceName, String namespace) {
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("service name must not be blank");
        }
        String[] labels = serviceName.trim().split("\\.", -1);
        if (labels.length > 1) {
            return k8sService(labels[1], labels[0]);
        }
        boolean noNamespace = namespace == null || namespace.isBlank();
        return k8sService(noNamespace ? NAMESPACE_DEFAULT : namespace.trim(), labels[0]);
    }

    /** The URN of a host. */
    public static Urn host(String hostname) {
        return new Urn(ResourceKind.HOST, null, hostname);
    }

    /** The URN of a network device (switch, router, firewall). */
    public static Urn networkDevice(String name) {
        return new Urn(ResourceKind.NETWORK_DEVICE, null, name);
    }

    /** The canonical text, which {@link #parse} maps back to an equal URN. */
    public String format() {
        return URN_PREFIX + kind.prefix() + ":" + (scope == null ? name : scope + "/" + name);
    }

    @Override
    public String toString() {
        return format();
    }
}
