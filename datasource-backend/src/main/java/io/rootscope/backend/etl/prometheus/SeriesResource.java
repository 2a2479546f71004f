package io.rootscope.backend.etl.prometheus;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.write.ObservedResource;
import java.util.Map;
import java.util.Optional;

/**
 * Which labels of a series name the resource it measures: a Kubernetes workload ({@code urn:k8s:svc:<ns>/<name>},
 * the namespace from its label or the configured default) or a host ({@code urn:host:<name>}, from a label such
 * as node-exporter's {@code instance}, without its port).
 */
public record SeriesResource(Kind kind, String nameLabel, String namespaceLabel) {

    public enum Kind { WORKLOAD, HOST }

    public SeriesResource {
        if (kind == null) {
            throw new IllegalArgumentException("resource kind must be set");
        }
        if (nameLabel == null || nameLabel.isBlank()) {
            throw new IllegalArgumentException("name_label must not be empty");
        }
        if (kind == Kind.HOST && namespaceLabel != null) {
            throw new IllegalArgumentException("namespace_label applies only to workload resources");
        }
    }

    public static SeriesResource workload(String nameLabel, String namespaceLabel) {
        return new SeriesResource(Kind.WORKLOAD, nameLabel, namespaceLabel);
    }

    public static SeriesResource host(String nameLabel) {
        return new SeriesResource(Kind.HOST, nameLabel, null);
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
            String namespace = namespaceLabel == null ? null : labels.get(namespaceLabel);
            return Optional.of(ObservedResource.service(Urn.k8sService(namespace == null || namespace.isBlank() ? defaultNamespace : namespace, name)));
        } catch (IllegalArgumentException unusable) {
            return Optional.empty();
        }
    }
}
