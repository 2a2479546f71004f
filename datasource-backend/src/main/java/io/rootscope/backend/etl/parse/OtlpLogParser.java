package io.rootscope.backend.etl.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.rootscope.analytics.logs.LogSeverity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses an OTLP/JSON {@code ExportLogsServiceRequest} (resourceLogs → scopeLogs → logRecords) into
 * {@link ParsedLogRecord}s, streaming, in time O(payload size) and memory O(records kept).
 *
 * <p>The time is {@code timeUnixNano}, else {@code observedTimeUnixNano}; the severity is
 * {@code severityNumber}, else {@code severityText}; the body is the {@code stringValue} of {@code body},
 * other scalar values as text and arrays or key-value lists as compact JSON. A record is rejected, at the path
 * of its first bad field, when it has no time or body or a field breaks the encoding; the other records of
 * the request are kept. Stateless and thread-safe.
 */
public final class OtlpLogParser {

    private static final String SEVERITY_NUMBER_PREFIX = "SEVERITY_NUMBER_";
    private static final List<String> SEVERITY_NUMBER_NAMES = severityNumberNames();
    private static final Set<String> SCALAR_VALUES =
            Set.of("stringValue", "intValue", "doubleValue", "boolValue", "bytesValue");
    private static final Set<String> COMPOSITE_VALUES = Set.of("arrayValue", "kvlistValue");

    /**
     * @throws MalformedPayloadException if the payload is not JSON or not a JSON object
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<ParsedLogRecord> parse(InputStream json) throws IOException {
        return OtlpJson.readRequest(json, OtlpJson.LOGS, OtlpLogParser::readLogRecord, RecordFields::withService);
    }

    /** The enum names in number order: UNSPECIFIED, TRACE, TRACE2, TRACE3, TRACE4, DEBUG, ... FATAL4. */
    private static List<String> severityNumberNames() {
        List<String> names = new ArrayList<>(List.of("UNSPECIFIED"));
        for (String level : List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")) {
            names.addAll(List.of(level, level + "2", level + "3", level + "4"));
        }
        return List.copyOf(names);
    }

    /** The fields of a record read before its resource's service is known (it may follow the records). */
    private record RecordFields(long timeUnixNano, LogSeverity severity, String body, String traceId,
                                String spanId) {

        ParsedLogRecord withService(ServiceRef service) {
            return new ParsedLogRecord(service, timeUnixNano, severity, body, traceId, spanId);
        }
    }

    /** One record, or null after adding a reject naming its first bad field. */
    private static RecordFields readLogRecord(JsonParser p, String arrayPath, int index,
                                              List<ParseReject> rejects) throws IOException {
        long time = 0;
        long observedTime = 0;
        int severityNumber = 0;
        String severityText = null;
        String body = null;
        String traceId = null;
        String spanId = null;
        ParseReject problem = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            try {
                switch (field) {
                    case "timeUnixNano" -> time = OtlpJson.unixNano(p);
                    case "observedTimeUnixNano" -> observedTime = OtlpJson.unixNano(p);
                    case "severityNumber" -> severityNumber = severityNumber(p);
                    case "severityText" -> severityText = OtlpJson.string(p);
                    case "body" -> body = bodyText(p);
                    case "traceId" -> traceId = OtlpJson.traceId(p);
                    case "spanId" -> spanId = OtlpJson.spanId(p);
                    default -> p.skipChildren();
                }
            } catch (FieldProblem e) {
                p.skipChildren();
                if (problem == null) {
                    problem = e.reject(OtlpJson.elementPath(arrayPath, index) + "." + field);
                }
            }
        }
        if (problem == null && time == 0 && observedTime == 0) {
            problem = new ParseReject(OtlpJson.elementPath(arrayPath, index) + ".timeUnixNano",
                    "missing, and no observedTimeUnixNano");
        }
        if (problem == null && body == null) {
            problem = new ParseReject(OtlpJson.elementPath(arrayPath, index) + ".body", "missing");
        }
        if (problem != null) {
            rejects.add(problem);
            return null;
        }
        LogSeverity severity = severityNumber != 0
                ? LogSeverity.fromOtlpSeverityNumber(severityNumber) : LogSeverity.fromLabel(severityText);
        return new RecordFields(time != 0 ? time : observedTime, severity, body, traceId, spanId);
    }

    private static int severityNumber(JsonParser p) throws FieldProblem, IOException {
        int number = OtlpJson.enumNumber(p, SEVERITY_NUMBER_PREFIX, SEVERITY_NUMBER_NAMES);
        if (number < 0 || number >= SEVERITY_NUMBER_NAMES.size()) {
            throw new FieldProblem("not a severity number: " + number);
        }
        return number;
    }

    /** The text of an OTLP {@code AnyValue} body; null for JSON null. */
    private static String bodyText(JsonParser p) throws FieldProblem, IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new FieldProblem("not an AnyValue object");
        }
        String text = null;
        FieldProblem problem = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            if (SCALAR_VALUES.contains(field) && token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                try {
                    text = OtlpJson.storableText(p);
                } catch (FieldProblem e) {
                    // Reported once the AnyValue object is consumed, so that the record's next field is read next.
                    problem = e.under("." + field);
                }
            } else if (COMPOSITE_VALUES.contains(field) && token == JsonToken.START_OBJECT) {
                text = p.readValueAsTree().toString();
            } else {
                p.skipChildren();
            }
        }
        if (problem != null) {
            throw problem;
        }
        if (text == null) {
            throw new FieldProblem("no stringValue, scalar, arrayValue or kvlistValue");
        }
        return text;
    }
}
