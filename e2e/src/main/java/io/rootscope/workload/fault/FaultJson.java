package io.rootscope.workload.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/** The JSON shape of a fault, shared by the HTTP API and the ground-truth file. */
public final class FaultJson {

    private FaultJson() {
    }

    public static ObjectNode toJson(ObjectMapper mapper, Fault fault) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", fault.id());
        node.put("type", fault.spec().type().name());
        node.put("target", fault.spec().target());
        node.put("intensity", fault.spec().intensity());
        node.put("durationSeconds", fault.spec().duration().toMillis() / 1000.0);
        node.put("status", fault.status().name());
        node.put("requestedAt", fault.requestedAt().toString());
        node.put("scheduledStart", fault.scheduledStart().toString());
        putInstant(node, "startedAt", fault.startedAt());
        putInstant(node, "endedAt", fault.endedAt());
        return node;
    }

    private static void putInstant(ObjectNode node, String field, Optional<Instant> instant) {
        if (instant.isPresent()) {
            node.put(field, instant.get().toString());
            node.put(field + "EpochMillis", instant.get().toEpochMilli());
        } else {
            node.putNull(field);
            node.putNull(field + "EpochMillis");
        }
    }
}
