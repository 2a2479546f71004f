package io.rootscope.backend.protocol;

import java.util.List;
import java.util.Map;

/**
 * Builders of the two frames Grafana's Node Graph panel reads: {@code nodes} (id, title, subtitle, mainstat,
 * secondarystat, arc__* fractions summing to 1, detail__*) and {@code edges} (id, source, target, mainstat).
 */
public final class NodeGraphFrames {

    private final DataFrame.Builder nodes = DataFrame.builder("nodes")
            .field("id", "string")
            .field("title", "string")
            .field("subtitle", "string")
            .field("mainstat", "string")
            .field("secondarystat", "string")
            .field("arc__anomalous", "number", Map.of("color", Map.of("mode", "fixed", "fixedColor", "red")), Map.of())
            .field("arc__normal", "number", Map.of("color", Map.of("mode", "fixed", "fixedColor", "green")), Map.of())
            .field("detail__urn", "string")
            .meta("preferredVisualisationType", "nodeGraph");
    private final DataFrame.Builder edges = DataFrame.builder("edges")
            .field("id", "string")
            .field("source", "string")
            .field("target", "string")
            .field("mainstat", "string")
            .meta("preferredVisualisationType", "nodeGraph");
    private int edgeCount;
    private final List<Map<String, String>> notices = new java.util.ArrayList<>();

    /** @param anomaly how anomalous the node is, 0..1 (drawn as the red share of its arc) */
    public NodeGraphFrames node(String urn, String title, String subtitle, String mainstat, String secondarystat, double anomaly) {
        double share = Math.max(0, Math.min(1, anomaly));
        nodes.row(urn, title, subtitle, mainstat, secondarystat, share, 1 - share, urn);
        return this;
    }

    public NodeGraphFrames edge(String source, String target, String mainstat) {
        edges.row("e" + edgeCount++, source, target, mainstat);
        return this;
    }

    /** A notice Grafana shows on the panel (severity info, warning or error), carried by the nodes frame. */
    public NodeGraphFrames notice(String severity, String text) {
        notices.add(Map.of("severity", severity, "text", text));
        return this;
    }

    /** Free-form facts about the graph for the nodes frame's {@code meta.custom}. */
    public NodeGraphFrames custom(Map<String, Object> facts) {
        nodes.meta("custom", facts);
        return this;
    }

    public List<DataFrame> build() {
        if (!notices.isEmpty()) {
            nodes.meta("notices", List.copyOf(notices));
        }
        return List.of(nodes.build(), edges.build());
    }
}
