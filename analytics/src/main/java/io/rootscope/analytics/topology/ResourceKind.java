package io.rootscope.analytics.topology;

/**
 * The kinds of resource a {@link Urn} names, each with its URN prefix and naming rules. Scoped kinds are
 * written {@code urn:<prefix>:<scope>/<name>}, the others {@code urn:<prefix>:<name>}.
 */
public enum ResourceKind {
    K8S_NAMESPACE("k8s:ns", null, NameRule.DNS_1123_LABEL),
    K8S_SERVICE("k8s:svc", NameRule.DNS_1123_LABEL, NameRule.DNS_1035_LABEL),
    K8S_POD("k8s:pod", NameRule.DNS_1123_LABEL, NameRule.DNS_1123_SUBDOMAIN),
    K8S_DEPLOYMENT("k8s:deploy", NameRule.DNS_1123_LABEL, NameRule.DNS_1123_SUBDOMAIN),
    K8S_NODE("k8s:node", null, NameRule.DNS_1123_SUBDOMAIN),
    HOST("host", null, NameRule.DNS_1123_SUBDOMAIN),
    /** A database on a server: {@code urn:db:<server host>/<database name>}. */
    DATABASE("db", NameRule.DNS_1123_SUBDOMAIN, NameRule.IDENTIFIER),
    NETWORK_DEVICE("net:device", null, NameRule.DNS_1123_SUBDOMAIN);

    private final String prefix;
    private final NameRule scopeRule;
    private final NameRule nameRule;

    ResourceKind(String prefix, NameRule scopeRule, NameRule nameRule) {
        this.prefix = prefix;
        this.scopeRule = scopeRule;
        this.nameRule = nameRule;
    }

    /** The URN prefix after {@code urn:}, e.g. {@code k8s:svc}. */
    public String prefix() {
        return prefix;
    }

    /** Whether names of this kind live in a scope (a namespace, a database server). */
    public boolean isScoped() {
        return scopeRule != null;
    }

    NameRule scopeRule() {
        return scopeRule;
    }

    NameRule nameRule() {
        return nameRule;
    }
}
