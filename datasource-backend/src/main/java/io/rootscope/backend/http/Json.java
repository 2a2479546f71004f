package io.rootscope.backend.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Collectors;

/** The backend's one JSON mapper, and parsing that turns every mistake into a 400 naming the field. */
public final class Json {

    // The fast double writer (Schubfach): JDK 17's Double.toString was a seventh of a metrics request's CPU. Both print
    // a decimal that reads back as the same double. The fast parser likewise reads the same double as Double.parseDouble.
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Json() {
    }

    /** Parses a request body; {@code root} prefixes field paths in errors. */
    public static <T> T read(String body, Class<T> type, String root) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException(root, "request body is empty; expected a JSON object");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (JsonMappingException e) {
            throw badField(e, root);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(root, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** Binds an already-parsed node (e.g. a target's payload) to a typed record. */
    public static <T> T convert(JsonNode node, Class<T> type, String root) {
        try {
            return MAPPER.treeToValue(node == null || node.isNull() ? MAPPER.createObjectNode() : node, type);
        } catch (JsonMappingException e) {
            throw badField(e, root);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(root, e.getOriginalMessage());
        }
    }

    private static BadRequestException badField(JsonMappingException e, String root) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new BadRequestException(root + path, "unknown field; known fields: " + unknown.getKnownPropertyIds());
        }
        // The cause of a record constructor's IllegalArgumentException is the validation message itself.
        Throwable cause = e.getCause();
        String message = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        return new BadRequestException(root + path, message);
    }
}
