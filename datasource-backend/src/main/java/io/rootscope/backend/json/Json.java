package io.rootscope.backend.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rootscope.backend.refusal.InvalidInputException;
import java.util.stream.Collectors;

/** The backend's one JSON mapper, and parsing that turns every mistake into an {@link InvalidInputException} naming the field. */
public final class Json {

    // The fast double writer (Schubfach): JDK 17's Double.toString was a seventh of a metrics request's CPU. Both print
    // a decimal that reads back as the same double. The fast parser likewise reads the same double as Double.parseDouble.
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build())
            .registerModule(new JavaTimeModule())
            .registerModule(new StorableValuesModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // A null inside a list or map of a request is a mistake, never "absent": [null] as a target or filter.
            .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));

    private Json() {
    }

    /** Parses a request body; {@code root} prefixes field paths in errors. */
    public static <T> T read(String body, Class<T> type, String root) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException(root, "request body is empty; expected a JSON object");
        }
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (JsonMappingException e) {
            throw badField(e, root);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(JsonProblems.path(e, root), "malformed JSON: " + JsonProblems.unreadable(e));
        }
        if (value == null) {
            throw new InvalidInputException(root, "is null; expected " + JsonProblems.expected(type));
        }
        return value;
    }

    /** Binds an already-parsed node (e.g. a target's payload) to a typed record. */
    public static <T> T convert(JsonNode node, Class<T> type, String root) {
        try {
            return MAPPER.treeToValue(node == null || node.isNull() ? MAPPER.createObjectNode() : node, type);
        } catch (JsonMappingException e) {
            throw badField(e, root);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(JsonProblems.path(e, root), JsonProblems.unreadable(e));
        }
    }

    private static InvalidInputException badField(JsonMappingException e, String root) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new InvalidInputException(root + path, "unknown field; known fields: " + unknown.getKnownPropertyIds());
        }
        return new InvalidInputException(root + path, problem(e));
    }

    /** The client's mistake in the protocol's words: Jackson's own messages name Java types. */
    private static String problem(JsonMappingException e) {
        if (e instanceof RejectedValueException) {
            return e.getOriginalMessage();
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        // The cause of a record constructor's IllegalArgumentException is the validation message itself.
        if (e.getCause() instanceof IllegalArgumentException cause) {
            return cause.getMessage();
        }
        // Reading errors met while binding (a number beyond its type) arrive wrapped, with the path.
        if (e.getCause() instanceof JsonProcessingException reading) {
            return JsonProblems.unreadable(reading);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return "expected " + JsonProblems.expected(mismatch.getTargetType());
        }
        return "invalid value";
    }
}
