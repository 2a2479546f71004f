package io.rootscope.backend.etl.pushed;

import io.rootscope.backend.etl.prometheus.SeriesResource;
import io.rootscope.backend.etl.write.ObservedResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which labels of a pushed series name its resource: the first of {@code nameLabels} the series carries, and for a
 * workload the first of {@code namespaceLabels} (the configured default namespace when none), mapped as the
 * Prometheus job maps its answers ({@link SeriesResource}). Several candidates, because OpenTelemetry's resource
 * attributes arrive as different labels by environment ({@code k8s_namespace_name} or {@code service_namespace}).
 */
public record RuleResource(SeriesResource.Kind kind, List<String> nameLabels, List<String> namespaceLabels) {

    public RuleResource {
        if (kind == null || nameLabels == null || nameLabels.isEmpty()) {
            throw new IllegalArgumentException("a resource needs a kind and at least one name label");
        }
        nameLabels = List.copyOf(nameLabels);
        namespaceLabels = namespaceLabels == null ? List.of() : List.copyOf(namespaceLabels);
        if (kind != SeriesResource.Kind.WORKLOAD && !namespaceLabels.isEmpty()) {
            throw new IllegalArgumentException("namespace labels apply only to workload resources");
        }
    }

    public static RuleResource workload(List<String> nameLabels, List<String> namespaceLabels) {
        return new RuleResource(SeriesResource.Kind.WORKLOAD, nameLabels, namespaceLabels);
    }

    public static RuleResource of(SeriesResource resource) {
        return new RuleResource(resource.kind(), List.of(resource.nameLabel()),
                resource.namespaceLabel() == null ? List.of() : List.of(resource.namespaceLabel()));
    }

    public Optional<ObservedResource> of(Map<String, String> labels, String defaultNamespace) {
        Optional<String> name = firstPresent(nameLabels, labels);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String namespace = kind == SeriesResource.Kind.WORKLOAD ? firstPresent(namespaceLabels, labels).orElse(null) : null;
        return new SeriesResource(kind, name.get(), namespace).of(labels, defaultNamespace);
    }

    private static Optional<String> firstPresent(List<String> candidates, Map<String, String> labels) {
        return candidates.stream().filter(label -> {
            String value = labels.get(label);
            return value != null && !value.isBlank();
        }).findFirst();
    }
}
