package io.rootscope.analytics.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a log line that Drain mines. A JSON object line (logrus, zap, pino, bunyan, log4j's and Python's JSON
 * layouts) is one whitespace-free token or a handful of them, so mined whole each line would be a template of its
 * own; like the OpenTelemetry Collector's {@code json_parser} and the log platforms that take such a line's message
 * field as its message, its template is mined from the message field ({@link #MESSAGE_KEYS}, the first present),
 * and a line without one from its top-level fields as {@code key=value} words, whose values the masker masks. An OTLP
 * log body that is a map, stored in the OTLP/JSON encoding ({@code {"values":[{"key":"msg","value":{"stringValue":
 * "..."}}]}}), reads as the object it encodes. Any
 * other line, and a line that is not JSON after all, is mined as it is. A line cut short ({@link LogMessageLimits})
 * keeps the fields read before the cut. The level field is read by {@link LogSeverity#detect} on the whole line.
 */
public final class StructuredLogLine {

    /** Keys of the message field, in order of preference (Serilog's compact {@code @m}, Docker's {@code log}). */
    static final List<String> MESSAGE_KEYS = List.of("message", "msg", "@m", "log", "event", "body", "text");
    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** The one field of a {@code KeyValueList} in the OTLP/JSON encoding. */
    private static final String OTLP_PAIRS = "values";

    private StructuredLogLine() {
    }

    /** The text to mine for {@code line}. */
    public static String minedText(String line) {
        if (!line.stripLeading().startsWith("{")) {
            return line;
        }
        Map<String, String> fields = topLevelFields(line);
        for (String key : MESSAGE_KEYS) {
            String message = fields.get(key);
            if (message != null && !message.isBlank()) {
                return message.strip();
            }
        }
        if (fields.isEmpty()) {
            return line;
        }
        StringBuilder words = new StringBuilder();
        // Quoted when it holds spaces, so the masker keeps it one value.
        fields.forEach((key, value) -> words.append(words.isEmpty() ? "" : " ").append(key).append('=')
                .append(value.chars().anyMatch(Character::isWhitespace) ? '"' + value.replace('"', '\'') + '"' : value));
        return words.toString();
    }

    /** Top-level scalar fields in line order (a nested object or array as {@code {}} or {@code []}); those before any error. */
    private static Map<String, String> topLevelFields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return fields;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (fields.isEmpty() && key.equals(OTLP_PAIRS) && value == JsonToken.START_ARRAY) {
                    readOtlpPairs(parser, fields);
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    fields.putIfAbsent(key, value == JsonToken.START_OBJECT ? "{}" : "[]");
                } else if (value != null) {
                    fields.putIfAbsent(key, parser.getText());
                }
            }
        } catch (IOException notJsonFromHereOn) {
            // The fields read so far stand: a cut or malformed line is still mined by what it said.
        }
        return fields;
    }

    /** The pairs of an OTLP/JSON {@code KeyValueList}, the parser on its array: each key with its scalar's text. */
    private static void readOtlpPairs(JsonParser parser, Map<String, String> fields) throws IOException {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String key = null;
            String text = "{}";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals("key") && token == JsonToken.VALUE_STRING) {
                    key = parser.getText();
                } else if (name.equals("value") && token == JsonToken.START_OBJECT) {
                    // One member, named for its type: stringValue, intValue, boolValue, ..., kvlistValue.
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        if (parser.nextToken().isScalarValue()) {
                            text = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (key != null) {
                fields.putIfAbsent(key, text);
            }
        }
    }
}
