package io.rootscope.backend.etl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.rootscope.analytics.logs.LogSeverity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OTLP/protobuf gives the records, rejects and paths the same request gives in OTLP/JSON. */
class OtlpProtobufParsingTest {

    private static final String TRACE = "5b8efff798038103d269b633813fc60c";
    private static final String SPAN = "eee19b7ec3c1b174";
    private static final String PARENT = "0102030405060708";

    @Test
    void aSpanReadsAsTheSameSpanInJson() throws IOException {
        Span span = Span.newBuilder().setTraceId(bytes(TRACE)).setSpanId(bytes(SPAN)).setParentSpanId(bytes(PARENT))
                .setName("GET /cart").setKind(Span.SpanKind.SPAN_KIND_CLIENT).setStartTimeUnixNano(1700000000000000000L)
                .setEndTimeUnixNano(1700000000120000000L).setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                .addAttributes(string("peer.service", "carts")).build();
        String json = """
                {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "front-end"}},
                  {"key": "service.namespace", "value": {"stringValue": "shop"}}]},
                 "scopeSpans": [{"spans": [{"traceId": "%s", "spanId": "%s", "parentSpanId": "%s", "name": "GET /cart", "kind": 3,
                  "startTimeUnixNano": "1700000000000000000", "endTimeUnixNano": "1700000000120000000", "status": {"code": 2},
                  "attributes": [{"key": "peer.service", "value": {"stringValue": "carts"}}]}]}]}]}"""
                .formatted(TRACE.toUpperCase(), SPAN, PARENT);
        ParseResult<ParsedSpan> fromProtobuf = traces(span);
        assertEquals(new OtlpTraceParser().parse(utf8(json)).accepted(), fromProtobuf.accepted());
        assertEquals(TRACE, fromProtobuf.accepted().get(0).traceId(), "lower-case hex, as the JSON mapping writes it");
    }

    @Test
    void badSpansAreRejectedAtTheirFirstBadFieldAndTheOthersKept() throws IOException {
        Span good = Span.newBuilder().setTraceId(bytes(TRACE)).setSpanId(bytes(SPAN)).setStartTimeUnixNano(1).setEndTimeUnixNano(2).build();
        ParseResult<ParsedSpan> result = traces(good, good.toBuilder().setTraceId(bytes("0102")).build(),
                good.toBuilder().setSpanId(bytes("0000000000000000")).build(), good.toBuilder().setKindValue(9).build(),
                good.toBuilder().setStatus(Status.newBuilder().setCodeValue(7)).build(), good.toBuilder().setEndTimeUnixNano(-1).build(),
                good.toBuilder().setStartTimeUnixNano(3).build(), good.toBuilder().setName("a\u0000b").build());
        assertEquals(1, result.accepted().size());
        String spans = "resourceSpans[0].scopeSpans[0].spans";
        assertEquals(List.of(spans + "[1].traceId: not 16 bytes: 2", spans + "[2].spanId: all-zero id is invalid",
                spans + "[3].kind: not a span kind: 9", spans + "[4].status.code: not a status code: 7",
                spans + "[5].endTimeUnixNano: out of range: 18446744073709551615", spans + "[6].endTimeUnixNano: before startTimeUnixNano",
                spans + "[7].name: contains a NUL character (U+0000), which cannot be stored"),
                result.rejects().stream().map(ParseReject::toString).toList());
    }

    @Test
    void aResourceWithABadServiceNameRejectsItsSpans() throws IOException {
        Span span = Span.newBuilder().setTraceId(bytes(TRACE)).setSpanId(bytes(SPAN)).setStartTimeUnixNano(1).setEndTimeUnixNano(2).build();
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setIntValue(5))))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build();
        ParseResult<ParsedSpan> result = new OtlpTraceParser().parse(new ByteArrayInputStream(request.toByteArray()), OtlpEncoding.PROTOBUF);
        assertEquals(List.of("resourceSpans[0].resource.attributes[service.name]: not a stringValue (1 spans rejected)"),
                result.rejects().stream().map(ParseReject::toString).toList());
    }

    @Test
    void logBodiesReadAsTheSameTextInJson() throws IOException {
        AnyValue kvlist = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(KeyValue.newBuilder().setKey("k")
                .setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(402)).addValues(AnyValue.newBuilder().setBoolValue(true)))))).build();
        LogRecord structured = LogRecord.newBuilder().setObservedTimeUnixNano(1700000001000000000L).setSeverityText("warning")
                .setBody(kvlist).setTraceId(bytes(TRACE)).setSpanId(bytes(SPAN)).build();
        LogRecord plain = LogRecord.newBuilder().setTimeUnixNano(1700000002000000000L).setSeverityNumberValue(17)
                .setBody(AnyValue.newBuilder().setStringValue("payment declined")).build();
        String json = """
                {"resourceLogs": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "carts"}}]},
                 "scopeLogs": [{"logRecords": [
                  {"observedTimeUnixNano": "1700000001000000000", "severityText": "warning", "traceId": "%s", "spanId": "%s",
                   "body": {"kvlistValue": {"values": [{"key": "k", "value": {"arrayValue": {"values": [{"intValue": "402"}, {"boolValue": true}]}}}]}}},
                  {"timeUnixNano": "1700000002000000000", "severityNumber": 17, "body": {"stringValue": "payment declined"}}]}]}]}"""
                .formatted(TRACE, SPAN);
        ParseResult<ParsedLogRecord> fromProtobuf = logs(structured, plain, LogRecord.newBuilder().setTimeUnixNano(1).build(),
                plain.toBuilder().setBody(AnyValue.getDefaultInstance()).build());
        assertEquals(new OtlpLogParser().parse(utf8(json)).accepted(), fromProtobuf.accepted());
        String records = "resourceLogs[0].scopeLogs[0].logRecords";
        assertEquals(List.of(records + "[2].body: missing", records + "[3].body: no stringValue, scalar, arrayValue or kvlistValue"),
                fromProtobuf.rejects().stream().map(ParseReject::toString).toList());
    }

    @Test
    void aDecodedRequestReadsAsItsBytesDo() throws IOException {
        Span span = Span.newBuilder().setTraceId(bytes(TRACE)).setSpanId(bytes(SPAN)).setStartTimeUnixNano(1).setEndTimeUnixNano(2).build();
        ExportTraceServiceRequest traces = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(string("service.name", "carts")))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span).addSpans(span.toBuilder().clearTraceId()))).build();
        ParseResult<ParsedSpan> fromMessage = new OtlpTraceParser().parse(traces);
        assertEquals(new OtlpTraceParser().parse(new ByteArrayInputStream(traces.toByteArray()), OtlpEncoding.PROTOBUF), fromMessage);
        assertEquals(List.of("resourceSpans[0].scopeSpans[0].spans[1].traceId: missing"),
                fromMessage.rejects().stream().map(ParseReject::toString).toList());

        ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1)
                        .setBody(AnyValue.newBuilder().setStringValue("started"))))).build();
        assertEquals(List.of(new ParsedLogRecord(ServiceRef.UNKNOWN, 1, LogSeverity.UNSPECIFIED, "started", null, null)),
                new OtlpLogParser().parse(logs).accepted());
    }

    @Test
    void aTruncatedRequestIsMalformed() {
        byte[] whole = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                .addSpans(Span.newBuilder().setTraceId(bytes(TRACE)).setSpanId(bytes(SPAN))))).build().toByteArray();
        MalformedPayloadException e = assertThrows(MalformedPayloadException.class, () -> new OtlpTraceParser()
                .parse(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 3)), OtlpEncoding.PROTOBUF));
        assertTrue(e.getMessage().startsWith("payload is not an OTLP/protobuf ExportTraceServiceRequest: "), e.getMessage());
    }

    private static ParseResult<ParsedSpan> traces(Span... spans) throws IOException {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(string("service.name", "front-end")).addAttributes(string("service.namespace", "shop")))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))).build();
        return new OtlpTraceParser().parse(new ByteArrayInputStream(request.toByteArray()), OtlpEncoding.PROTOBUF);
    }

    private static ParseResult<ParsedLogRecord> logs(LogRecord... records) throws IOException {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(string("service.name", "carts")))
                .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records)))).build();
        return new OtlpLogParser().parse(new ByteArrayInputStream(request.toByteArray()), OtlpEncoding.PROTOBUF);
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private static ByteArrayInputStream utf8(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
