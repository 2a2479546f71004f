package io.rootscope.backend.query.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per candidate of a diagnosis, read from its explanation: the strongest log, trace and metric findings as one line of
 * text, and the path from the front-end that reaches it (the most travelled one). Empty for methods without findings.
 */
final class CandidateFindings {

    /** Findings shown per candidate; the evidence chain links the rest. */
    static final int SHOWN = 3;
    /** Longest subject shown: a template can run to kilobytes. */
    private static final int SUBJECT_CHARS = 120;

    private final Map<String, List<String>> findings = new HashMap<>();
    private final Map<String, String> paths = new HashMap<>();

    /** @param evidence the explanation's {@code evidence} member, {@code paths} its walk paths (missing nodes when absent) */
    CandidateFindings(JsonNode evidence, JsonNode paths) {
        List<JsonNode> items = new ArrayList<>();
        evidence.forEach(items::add);
        items.sort((a, b) -> Double.compare(b.path("score").asDouble(), a.path("score").asDouble()));
        for (JsonNode item : items) {
            List<String> lines = findings.computeIfAbsent(item.path("service").asText(), s -> new ArrayList<>());
            if (lines.size() < SHOWN) {
                lines.add(item.path("kind").asText() + " " + shortened(item.path("subject").asText()) + ": " + item.path("finding").asText());
            }
        }
        // Paths come most travelled first: the first one through a candidate, cut there, is its path.
        for (JsonNode path : paths) {
            List<String> services = new ArrayList<>();
            for (JsonNode service : path.path("services")) {
                services.add(service.asText());
                this.paths.putIfAbsent(service.asText(), String.join(" → ", services));
            }
        }
    }

    String findings(String candidate) {
        return String.join("; ", findings.getOrDefault(candidate, List.of()));
    }

    String path(String candidate) {
        return paths.getOrDefault(candidate, "");
    }

    private static String shortened(String subject) {
        return subject.length() <= SUBJECT_CHARS ? subject : subject.substring(0, SUBJECT_CHARS) + "…";
    }
}
