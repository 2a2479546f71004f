package io.rootscope.backend.etl.parse;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.rootscope.analytics.logs.LogSeverity;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;

/**
 * Parses an OTLP {@code ExportLogsServiceRequest} (resourceLogs → scopeLogs → logRecords) into {@link ParsedLogRecord}s:
 * both encodings are decoded into the generated messages ({@link OtlpProtobuf}, {@link OtlpJsonDecoder}), which one
 * mapping turns into records; gRPC and Kafka hand the decoded message to {@link #parse(ExportLogsServiceRequest)}.
 *
 * <p>The time is {@code timeUnixNano}, else {@code observedTimeUnixNano}; the severity is
 * {@code severityNumber}, else {@code severityText}; the body is the {@code stringValue} of {@code body},
 * other scalar values as text and arrays or key-value lists as compact OTLP/JSON. A record is rejected, at the path
 * of its first bad field, when it has no time or body or a field breaks the encoding; the other records of
 * the request are kept. Stateless and thread-safe.
 */
public final class OtlpLogParser {

    private static final String NO_VALUE = "no stringValue, scalar, arrayValue or kvlistValue";
    private static final OtlpShape<ExportLogsServiceRequest, ResourceLogs, ScopeLogs, LogRecord> SHAPE =
            new OtlpShape<>(ExportLogsServiceRequest.getDefaultInstance(), ExportLogsServiceRequest.parser(),
                    "resourceLogs", "scopeLogs", "logRecords", ExportLogsServiceRequest::getResourceLogsList,
                    ResourceLogs::getResource, ResourceLogs::getScopeLogsList, ScopeLogs::getLogRecordsList);

    /**
     * OTLP/JSON.
     *
     * @throws MalformedPayloadException if the payload is not JSON or not a JSON object
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<ParsedLogRecord> parse(InputStream json) throws IOException {
        return parse(json, OtlpEncoding.JSON);
    }

    /**
     * The request in the given encoding.
     *
     * @throws MalformedPayloadException if the payload cannot be decoded as an {@code ExportLogsServiceRequest} at all
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<ParsedLogRecord> parse(InputStream body, OtlpEncoding encoding) throws IOException {
        return map(encoding == OtlpEncoding.PROTOBUF ? OtlpProtobuf.decode(body, SHAPE) : OtlpJsonDecoder.decode(body, SHAPE));
    }

    /** A request decoded already (gRPC, Kafka). */
    public ParseResult<ParsedLogRecord> parse(ExportLogsServiceRequest request) {
        return map(new DecodedRequest<>(request, new DecodeRejects()));
    }

    private static ParseResult<ParsedLogRecord> map(DecodedRequest<ExportLogsServiceRequest> decoded) {
        return OtlpRecords.map(decoded, SHAPE, OtlpLogParser::readLogRecord, RecordFields::withService);
    }

    /** The fields of a record read before its resource's service is known (it may follow the records). */
    private record RecordFields(long timeUnixNano, LogSeverity severity, String body, String traceId,
                                String spanId) {

        ParsedLogRecord withService(ServiceRef service) {
            return new ParsedLogRecord(service, timeUnixNano, severity, body, traceId, spanId);
        }
    }

    /** One decoded record at {@code path}, or null after adding a reject naming its first bad field. */
    private static RecordFields readLogRecord(LogRecord record, String path, List<ParseReject> rejects) {
        String field = "timeUnixNano";
        try {
            long time = OtlpFields.unixNano(record.getTimeUnixNano());
            field = "observedTimeUnixNano";
            long observedTime = OtlpFields.unixNano(record.getObservedTimeUnixNano());
            field = "severityNumber";
            int severityNumber = severityNumber(record.getSeverityNumberValue());
            field = "severityText";
            String severityText = OtlpFields.storable(record.getSeverityText(), "");
            field = "body";
            String body = record.hasBody() ? bodyText(record.getBody()) : null;
            field = "traceId";
            String traceId = OtlpFields.id(record.getTraceId(), OtlpFields.TRACE_ID_HEX_DIGITS);
            field = "spanId";
            String spanId = OtlpFields.id(record.getSpanId(), OtlpFields.SPAN_ID_HEX_DIGITS);
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
        } catch (FieldProblem e) {
            rejects.add(e.reject(path + "." + field));
            return null;
        }
    }

    private static int severityNumber(int number) throws FieldProblem {
        if (SeverityNumber.forNumber(number) == null) {
            throw new FieldProblem("not a severity number: " + number);
        }
        return number;
    }

    /** The text of a decoded {@code AnyValue} body: a string as it is, another scalar as text, a composite as OTLP/JSON. */
    private static String bodyText(AnyValue body) throws FieldProblem {
        return switch (body.getValueCase()) {
            case STRING_VALUE -> OtlpFields.storable(body.getStringValue(), ".stringValue");
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
