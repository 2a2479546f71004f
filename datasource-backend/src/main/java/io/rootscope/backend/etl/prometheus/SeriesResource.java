package io.rootscope.backend.etl.prometheus;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.write.ObservedResource;
import java.util.Map;
import java.util.Optional;

/**
 * Which labels of a series name the resource it measures: a Kubernetes workload ({@code urn:k8s:svc:<ns>/<name>},
 * the namespace from its label or the configured default), a host ({@code urn:host:<name>}, from a label such
 * as node-exporter's {@code instance}, without its port), or the Kubernetes service a probe's target names by
 * its DNS name or URL ({@code http://orders.shop.svc.cluster.local:80/health} is {@code shop/orders}), as
 * blackbox and ping exporters label their series.
 */
public record SeriesResource(Kind kind, String nameLabel, String namespaceLabel) {

    public enum Kind { WORKLOAD, HOST, SERVICE_DNS }

    public SeriesResource {
        if (kind == null) {
            throw new IllegalArgumentException("resource kind must be set");
        }
        if (nameLabel == null || nameLabel.isBlank()) {
            throw new IllegalArgumentException("name_label must not be empty");
        }
        if (kind != Kind.WORKLOAD && namespaceLabel != null) {
            throw new IllegalArgumentException("namespace_label applies only to workload resources");
        }
    }

    public static SeriesResource workload(String nameLabel, String namespaceLabel) {
        return new SeriesResource(Kind.WORKLOAD, nameLabel, namespaceLabel);
    }

    public static SeriesResource host(String nameLabel) {
        return new SeriesResource(Kind.HOST, nameLabel, null);
    }

    public static SeriesResource serviceDns(String nameLabel) {
        return new SeriesResource(Kind.SERVICE_DNS, nameLabel, null);
    }

    /** The resource a series measures, or empty when its labels do not name one. */
    public Optional<ObservedResource> of(Map<String, String> labels, String defaultNamespace) {
        String name = labels.get(nameLabel);
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            if (kind == Kind.HOST) {
                int port = name.lastIndexOf(':');
                return Optional.of(ObservedResource.of(Urn.host(port > 0 && name.indexOf(']') < port ? name.substring(0, port) : name), "host"));
            }
            if (kind == Kind.SERVICE_DNS) {
                return serviceOfDnsName(name, defaultNamespace);
            }
            String namespace = namespaceLabel == null ? null : labels.get(namespaceLabel);
            return Optional.of(ObservedResource.service(Urn.k8sService(namespace == null || namespace.isBlank() ? defaultNamespace : namespace, name)));
        } catch (IllegalArgumentException unusable) {
            return Optional.empty();
        }
    }

    /** {@code [scheme://]name[.namespace[.svc[.cluster-domain]]][:port][/path]}; other DNS names are not services. */
    private static Optional<ObservedResource> serviceOfDnsName(String target, String defaultNamespace) {
        String host = target.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceFirst("[:/].*$", "");
        String[] parts = host.split("\\.");
        if (parts.length == 1) {
            return Optional.of(ObservedResource.service(Urn.k8sService(defaultNamespace, parts[0])));
        }
        if (parts.length == 2 || parts[2].equals("svc")) {
            return Optional.of(ObservedResource.service(Urn.k8sService(parts[1], parts[0])));
        }
        return Optional.empty();
    }
}
