package io.rootscope.backend.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.backend.etl.parse.MalformedPayloadException;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.etl.parse.ParseResult;
import io.rootscope.backend.json.JsonProblems;
import io.rootscope.backend.refusal.StorableValues;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Parses gala-anteater anomaly events (openEuler gala-anteater manual, "异常检测输出数据"): a single JSON object
 * or an array of them. Required: {@code Timestamp} (epoch milliseconds), {@code Attributes.event_id},
 * {@code Attributes.entity_id} and a {@code Resource.metric_label} that {@link AnteaterResourceMapping maps} to
 * a resource. Optional: {@code Attributes.event_type}, {@code Resource.metrics}, {@code anomaly_score},
 * {@code duration} (seconds), {@code cause_metrics} ({@code metric_id}, {@code metric_labels}, {@code score},
 * {@code desc}), {@code recommend_metrics} (metric → {@code label}, {@code score}), {@code SeverityText} or else
 * {@code SeverityNumber} (OpenTelemetry numbering; WARN when both are absent) and {@code Body}. Other fields are
 * ignored. An event with a bad field becomes a reject naming it, e.g. {@code [2].Attributes.entity_id: missing};
 * the other events are still parsed.
 */
public final class AnteaterEventParser {

    /** A field that breaks the format: its JSON path and the problem. */
    static final class FieldError extends Exception {

        private static final long serialVersionUID = 1L;

        private final String field;

        FieldError(String field, String problem) {
            super(problem, null, false, false);
            this.field = field;
        }

        ParseReject reject() {
            return new ParseReject(field, getMessage());
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final LogSeverity SEVERITY_DEFAULT = LogSeverity.WARN;
    static final int EVENT_ID_MAX_LENGTH = 256;

    /**
     * @throws MalformedPayloadException if the payload is not JSON, or neither an object nor an array
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<AnteaterEvent> parse(InputStream json) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPayloadException("payload is not JSON: " + JsonProblems.unreadable(e), e);
        } catch (CharConversionException e) {
            throw new MalformedPayloadException("payload is not JSON text in UTF-8, UTF-16 or UTF-32", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedPayloadException("empty payload: expected a gala-anteater event or an array of them");
        }
        List<AnteaterEvent> events = new ArrayList<>();
        List<ParseReject> rejects = new ArrayList<>();
        if (root.isObject()) {
            parseOne(root, "", events, rejects);
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                parseOne(root.get(i), "[" + i + "]", events, rejects);
            }
        } else {
            throw new MalformedPayloadException(
                    "expected a gala-anteater event object or an array of them, found " + root.getNodeType());
        }
        return new ParseResult<>(events, rejects);
    }

    private static void parseOne(JsonNode node, String path, List<AnteaterEvent> events, List<ParseReject> rejects) {
        try {
            events.add(event(node, path));
        } catch (FieldError e) {
            rejects.add(e.reject());
        }
    }

    private static AnteaterEvent event(JsonNode node, String path) throws FieldError {
        if (!node.isObject()) {
            throw new FieldError(path.isEmpty() ? "$" : path, "expected an event object, found " + node.getNodeType());
        }
        rejectUnstorableText(node, path);
        Instant reportedAt = Instant.ofEpochMilli(epochMillis(required(node, path, "Timestamp"), at(path, "Timestamp")));
        String attributesPath = at(path, "Attributes");
        JsonNode attributes = object(required(node, path, "Attributes"), attributesPath);
        String eventId = text(required(attributes, attributesPath, "event_id"), at(attributesPath, "event_id"));
        if (eventId.length() > EVENT_ID_MAX_LENGTH) {
            // The id is part of the incident's dedup key, a unique index's key.
            throw new FieldError(at(attributesPath, "event_id"), "is longer than " + EVENT_ID_MAX_LENGTH + " characters");
        }
        String entityId = text(required(attributes, attributesPath, "entity_id"), at(attributesPath, "entity_id"));
        Optional<String> eventType = optionalText(attributes, attributesPath, "event_type");
        String resourcePath = at(path, "Resource");
        JsonNode resource = object(required(node, path, "Resource"), resourcePath);
        String labelsPath = at(resourcePath, "metric_label");
        Map<String, String> labels = labels(required(resource, resourcePath, "metric_label"), labelsPath);
        List<ResourceCandidate> resources = AnteaterResourceMapping.candidates(labelsPath, labels);
        if (resources.isEmpty()) {
            throw new FieldError(labelsPath, "no pod, machine_id or hostname label to map to a resource, got " + labels.keySet());
        }
        OptionalDouble windowSeconds = optionalNumber(resource, resourcePath, "duration");
        if (windowSeconds.isPresent() && windowSeconds.getAsDouble() < 0) {
            throw new FieldError(at(resourcePath, "duration"), "must not be negative, got " + windowSeconds.getAsDouble());
        }
        Duration window = Duration.ofMillis(Math.round(windowSeconds.orElse(0) * 1000));
        List<CauseMetric> causes = new ArrayList<>(causeMetrics(resource, resourcePath));
        causes.addAll(recommendMetrics(resource, resourcePath));
        return new AnteaterEvent(path, reportedAt, window, eventId, entityId, eventType,
                optionalText(resource, resourcePath, "metrics"), optionalNumber(resource, resourcePath, "anomaly_score"),
                labels, resources, causes, severity(node, path), optionalText(node, path, "Body"));
    }

    private static List<CauseMetric> causeMetrics(JsonNode resource, String resourcePath) throws FieldError {
        JsonNode array = resource.get("cause_metrics");
        String arrayPath = at(resourcePath, "cause_metrics");
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new FieldError(arrayPath, "expected an array, found " + array.getNodeType());
        }
        List<CauseMetric> causes = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String causePath = arrayPath + "[" + i + "]";
            JsonNode cause = object(array.get(i), causePath);
            String metricId = text(required(cause, causePath, "metric_id"), at(causePath, "metric_id"));
            causes.add(cause(metricId, cause.get("metric_labels"), at(causePath, "metric_labels"), cause, causePath,
                    optionalText(cause, causePath, "desc")));
        }
        return causes;
    }

    private static List<CauseMetric> recommendMetrics(JsonNode resource, String resourcePath) throws FieldError {
        JsonNode map = resource.get("recommend_metrics");
        String mapPath = at(resourcePath, "recommend_metrics");
        if (map == null || map.isNull()) {
            return List.of();
        }
        object(map, mapPath);
        List<CauseMetric> causes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            String metricPath = at(mapPath, entry.getKey());
            JsonNode metric = object(entry.getValue(), metricPath);
            causes.add(cause(entry.getKey(), metric.get("label"), at(metricPath, "label"), metric, metricPath, Optional.empty()));
        }
        return causes;
    }

    private static CauseMetric cause(String metricId, JsonNode labelsNode, String labelsPath, JsonNode node, String path,
                                     Optional<String> description) throws FieldError {
        Map<String, String> labels = labelsNode == null || labelsNode.isNull() ? Map.of() : labels(labelsNode, labelsPath);
        return new CauseMetric(metricId, labels, optionalNumber(node, path, "score"), description,
                AnteaterResourceMapping.candidates(labelsPath, labels));
    }

    private static LogSeverity severity(JsonNode event, String path) throws FieldError {
        Optional<String> text = optionalText(event, path, "SeverityText");
        if (text.isPresent()) {
            LogSeverity severity = LogSeverity.fromLabel(text.get());
            if (severity == LogSeverity.UNSPECIFIED) {
                throw new FieldError(at(path, "SeverityText"), "unknown severity '" + text.get() + "'");
            }
            return severity;
        }
        JsonNode number = event.get("SeverityNumber");
        if (number == null || number.isNull()) {
            return SEVERITY_DEFAULT;
        }
        if (!number.canConvertToInt() || !number.isIntegralNumber()) {
            throw new FieldError(at(path, "SeverityNumber"), "expected an integer, found " + number);
        }
        try {
            LogSeverity severity = LogSeverity.fromOtlpSeverityNumber(number.intValue());
            return severity == LogSeverity.UNSPECIFIED ? SEVERITY_DEFAULT : severity;
        } catch (IllegalArgumentException e) {
            throw new FieldError(at(path, "SeverityNumber"), e.getMessage());
        }
    }

    private static long epochMillis(JsonNode node, String path) throws FieldError {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw new FieldError(path, "expected epoch milliseconds as a positive integer, found " + node);
        }
        if (!StorableValues.isStorable(Instant.ofEpochMilli(node.longValue()))) {
            throw new FieldError(path, StorableValues.TIME_PROBLEM + ": " + node);
        }
        return node.longValue();
    }

    /** PostgreSQL text holds no NUL: an event with one in any name or string is rejected at that field. */
    private static void rejectUnstorableText(JsonNode node, String path) throws FieldError {
        if (node.isTextual() && !StorableValues.isStorable(node.asText())) {
            throw new FieldError(path.isEmpty() ? "$" : path, StorableValues.NUL_PROBLEM);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectUnstorableText(node.get(i), path + "[" + i + "]");
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!StorableValues.isStorable(field.getKey())) {
                throw new FieldError(path.isEmpty() ? "$" : path, "a field name " + StorableValues.NUL_PROBLEM);
            }
            rejectUnstorableText(field.getValue(), at(path, field.getKey()));
        }
    }

    private static Map<String, String> labels(JsonNode node, String path) throws FieldError {
        object(node, path);
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isTextual() && !value.isNumber()) {
                throw new FieldError(at(path, entry.getKey()), "expected a string or number label, found " + value.getNodeType());
            }
            labels.put(entry.getKey(), value.asText());
        }
        return labels;
    }

    private static JsonNode required(JsonNode parent, String parentPath, String name) throws FieldError {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new FieldError(at(parentPath, name), "missing");
        }
        return node;
    }

    private static JsonNode object(JsonNode node, String path) throws FieldError {
        if (!node.isObject()) {
            throw new FieldError(path, "expected an object, found " + node.getNodeType());
        }
        return node;
    }

    private static String text(JsonNode node, String path) throws FieldError {
        if (!node.isTextual() || node.asText().isBlank()) {
            String found = node.isTextual() ? "\"" + node.asText() + "\"" : String.valueOf(node.getNodeType());
            throw new FieldError(path, "expected a non-empty string, found " + found);
        }
        return node.asText();
    }

    /** An optional string field; an empty string counts as absent. */
    private static Optional<String> optionalText(JsonNode parent, String parentPath, String name) throws FieldError {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(text(node, at(parentPath, name)));
    }

    private static OptionalDouble optionalNumber(JsonNode parent, String parentPath, String name) throws FieldError {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new FieldError(at(parentPath, name), "expected a number, found " + node.getNodeType());
        }
        return OptionalDouble.of(node.doubleValue());
    }

    /** The JSON path of field {@code name} inside the value at {@code path}. */
    private static String at(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
