package io.rootscope.backend.etl.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.rootscope.analytics.logs.LogSeverity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Parses an OTLP {@code ExportLogsServiceRequest} (resourceLogs → scopeLogs → logRecords) into
 * {@link ParsedLogRecord}s: OTLP/JSON streaming, in time O(payload size) and memory O(records kept); OTLP/protobuf
 * decoded whole by the generated classes, then adapted record by record with the same checks, rejects and paths.
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
    private static final String NO_VALUE = "no stringValue, scalar, arrayValue or kvlistValue";
    private static final OtlpProtobuf.Nesting<ExportLogsServiceRequest, ResourceLogs, ScopeLogs, LogRecord> PROTOBUF_NESTING =
            new OtlpProtobuf.Nesting<>(ExportLogsServiceRequest.parser(), ExportLogsServiceRequest::getResourceLogsList,
                    ResourceLogs::getResource, ResourceLogs::getScopeLogsList, ScopeLogs::getLogRecordsList);

    /**
     * @throws MalformedPayloadException if the payload is not JSON or not a JSON object
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<ParsedLogRecord> parse(InputStream json) throws IOException {
        return OtlpJson.readRequest(json, OtlpJson.LOGS, OtlpLogParser::readLogRecord, RecordFields::withService);
    }

    /**
     * The request in the given encoding.
     *
     * @throws MalformedPayloadException if the payload cannot be decoded as an {@code ExportLogsServiceRequest} at all
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<ParsedLogRecord> parse(InputStream body, OtlpEncoding encoding) throws IOException {
        return encoding == OtlpEncoding.PROTOBUF
                ? OtlpProtobuf.read(body, OtlpJson.LOGS, PROTOBUF_NESTING, OtlpLogParser::readLogRecord, RecordFields::withService)
                : parse(body);
    }

    /** A request already decoded (OTLP/gRPC), read as a protobuf body is. */
    public ParseResult<ParsedLogRecord> parse(ExportLogsServiceRequest request) {
        return OtlpProtobuf.readRequest(request, OtlpJson.LOGS, PROTOBUF_NESTING, OtlpLogParser::readLogRecord, RecordFields::withService);
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
        if (problem != null) {
            rejects.add(problem);
            return null;
        }
        return record(OtlpJson.elementPath(arrayPath, index), time, observedTime, severityNumber, severityText, body, traceId,
                spanId, rejects);
    }

    /** One decoded record at {@code path}, or null after adding a reject naming its first bad field. */
    private static RecordFields readLogRecord(LogRecord record, String path, List<ParseReject> rejects) {
        String field = "timeUnixNano";
        try {
            long time = OtlpProtobuf.unixNano(record.getTimeUnixNano());
            field = "observedTimeUnixNano";
            long observedTime = OtlpProtobuf.unixNano(record.getObservedTimeUnixNano());
            field = "severityNumber";
            int severityNumber = severityNumber(record.getSeverityNumberValue());
            field = "severityText";
            String severityText = OtlpProtobuf.storable(record.getSeverityText(), "");
            field = "body";
            String body = record.hasBody() ? bodyText(record.getBody()) : null;
            field = "traceId";
            String traceId = OtlpProtobuf.id(record.getTraceId(), OtlpJson.TRACE_ID_HEX_DIGITS);
            field = "spanId";
            String spanId = OtlpProtobuf.id(record.getSpanId(), OtlpJson.SPAN_ID_HEX_DIGITS);
            return record(path, time, observedTime, severityNumber, severityText, body, traceId, spanId, rejects);
        } catch (FieldProblem e) {
            rejects.add(e.reject(path + "." + field));
            return null;
        }
    }

    /** The record of fields read without a problem, or null after rejecting it for a missing time or body. */
    private static RecordFields record(String path, long time, long observedTime, int severityNumber, String severityText,
                                       String body, String traceId, String spanId, List<ParseReject> rejects) {
        if (time == 0 && observedTime == 0) {
            rejects.add(new ParseReject(path + ".timeUnixNano", "missing, and no observedTimeUnixNano"));
            return null;
        }
        if (body == null) {
            rejects.add(new ParseReject(path + ".body", "missing"));
            return null;
        }
        LogSeverity severity = severityNumber != 0
                ? LogSeverity.fromOtlpSeverityNumber(severityNumber) : LogSeverity.fromLabel(severityText);
        return new RecordFields(time != 0 ? time : observedTime, severity, body, traceId, spanId);
    }

    private static int severityNumber(JsonParser p) throws FieldProblem, IOException {
        return severityNumber(OtlpJson.enumNumber(p, SEVERITY_NUMBER_PREFIX, SEVERITY_NUMBER_NAMES));
    }

    private static int severityNumber(int number) throws FieldProblem {
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
            throw new FieldProblem(NO_VALUE);
        }
        return text;
    }

    /** The text of a decoded {@code AnyValue} body, as {@link #bodyText(JsonParser)} gives the same body in JSON. */
    private static String bodyText(AnyValue body) throws FieldProblem {
        return switch (body.getValueCase()) {
            case STRING_VALUE -> OtlpProtobuf.storable(body.getStringValue(), ".stringValue");
            case BOOL_VALUE -> Boolean.toString(body.getBoolValue());
            case INT_VALUE -> Long.toString(body.getIntValue());
            case DOUBLE_VALUE -> Double.toString(body.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(body.getBytesValue().toByteArray());
            case ARRAY_VALUE -> AnyValueJson.of(body.getArrayValue());
            case KVLIST_VALUE -> AnyValueJson.of(body.getKvlistValue());
            default -> throw new FieldProblem(NO_VALUE);
        };
    }
}
