package io.rootscope.workload.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.workload.fault.FaultSpec;
import io.rootscope.workload.fault.FaultType;
import io.rootscope.workload.fault.InvalidFaultException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the body of {@code POST /faults}: {@code {"type", "target", "durationSeconds", "intensity"}} and an
 * optional {@code startDelaySeconds}; unknown fields are rejected so typos do not silently change a fault.
 */
final class FaultRequests {

    static final Set<String> FIELDS = Set.of("type", "target", "durationSeconds", "intensity", "startDelaySeconds");

    private FaultRequests() {
    }

    static FaultSpec parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidFaultException("body", "body must be a JSON object with fields " + FIELDS);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidFaultException(name, "unknown field " + name + "; expected " + FIELDS);
            }
        }
        return new FaultSpec(type(body.get("type")), text(body.get("target"), "target"),
                seconds(body.get("startDelaySeconds"), "startDelaySeconds", Duration.ZERO),
                seconds(body.get("durationSeconds"), "durationSeconds", null),
                number(body.get("intensity"), "intensity"));
    }

    private static FaultType type(JsonNode node) {
        return FaultType.parse(text(node, "type"));
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new InvalidFaultException(field, field + " is required");
        }
        if (!node.isTextual()) {
            throw new InvalidFaultException(field, field + " must be a string");
        }
        return node.asText();
    }

    private static double number(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new InvalidFaultException(field, field + " is required");
        }
        if (!node.isNumber()) {
            throw new InvalidFaultException(field, field + " must be a number");
        }
        return node.asDouble();
    }

    private static Duration seconds(JsonNode node, String field, Duration absent) {
        if ((node == null || node.isNull()) && absent != null) {
            return absent;
        }
        double seconds = number(node, field);
        if (!Double.isFinite(seconds) || Math.abs(seconds) > FaultSpec.MAX_DURATION.toSeconds() * 10.0) {
            throw new InvalidFaultException(field, field + " is out of range: " + seconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
