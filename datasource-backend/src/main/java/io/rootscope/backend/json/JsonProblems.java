package io.rootscope.backend.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Jackson's errors in the words of the protocol: what kind of value a field expects ("expected a UUID") and what is
 * wrong with the JSON text, never a Java type or a parser setting, which mean nothing to a client.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** The kind of JSON value that binds to {@code type}, as an error message says it. */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == UUID.class) {
            return "a UUID such as 123e4567-e89b-12d3-a456-426614174000";
        }
        if (type == Instant.class) {
            return "an RFC 3339 time such as 2026-01-01T00:00:00Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return "a JSON value";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a different kind of value";
    }

    /** What is wrong with JSON text that cannot be read, e.g. nesting beyond the limit or a number out of range. */
    public static String unreadable(JsonProcessingException e) {
        if (e instanceof InputCoercionException coercion) {
            return "number out of range: expected " + expected(coercion.getTargetType());
        }
        return clean(e.getOriginalMessage());
    }

    /**
     * The field at which a streaming parser stopped, as {@code root.a[2].b}; {@code root} alone at the top level.
     * Jackson's errors while reading text (not binding it) carry no path of their own.
     */
    public static String path(JsonProcessingException e, String root) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return root;
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                path.insert(0, "." + context.getCurrentName());
            } else if (context.inArray() && context.getCurrentIndex() >= 0) {
                path.insert(0, "[" + context.getCurrentIndex() + "]");
            }
        }
        return root + path;
    }

    /**
     * Jackson's message without what only a Java developer can use: the source excerpt, the setting that would allow
     * the input and the constraint's method name ({@code , from `StreamReadConstraints...`}).
     */
    static String clean(String message) {
        String text = message == null ? "unreadable JSON" : message;
        int marker = text.indexOf(" (start marker at");
        if (marker >= 0) {
            text = text.substring(0, marker);
        }
        text = text.replaceAll(", from `[^`]*`", "").replaceAll(": enable `[^`]*` to allow", "");
        int internal = indexOfInternal(text);
        return internal < 0 ? text : text.substring(0, internal).replaceAll("[\\s:;,(]+$", "");
    }

    private static int indexOfInternal(String text) {
        int first = -1;
        for (String mark : new String[] {"`", "java.", "com.fasterxml", "io.rootscope", "[Source:"}) {
            int at = text.indexOf(mark);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }
}
