package io.rootscope.backend.etl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.analytics.logs.LogSeverity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpLogParserTest {

    private final OtlpLogParser parser = new OtlpLogParser();

    private ParseResult<ParsedLogRecord> parse(String json) throws IOException {
        return parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String request(String... logRecords) {
        return """
                {"resourceLogs": [{
                  "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "cart"}},
                                              {"key": "service.namespace", "value": {"stringValue": "shop"}}]},
                  "scopeLogs": [{"scope": {}, "logRecords": [%s]}]}]}""".formatted(String.join(",", logRecords));
    }

    @Test
    void readsTimesSeveritiesBodiesAndCorrelationIds() throws IOException {
        ParseResult<ParsedLogRecord> result = parse(request("""
                {"timeUnixNano": "1700000000000000001", "observedTimeUnixNano": "1700000000900000000",
                 "severityNumber": 17, "severityText": "INFO", "body": {"stringValue": "payment declined"},
                 "traceId": "5b8efff798038103d269b633813fc60c", "spanId": "EEE19B7EC3C1B174",
                 "attributes": [{"key": "http.status", "value": {"intValue": "402"}}]}""", """
                {"observedTimeUnixNano": 1700000001000000000, "severityText": "warning",
                 "body": {"kvlistValue": {"values": [{"key": "k", "value": {"stringValue": "v"}}]}},
                 "traceId": "", "spanId": ""}""", """
                {"timeUnixNano": "1700000002000000000", "severityNumber": "SEVERITY_NUMBER_FATAL2",
                 "body": {"intValue": "42"}}"""));

        ServiceRef cart = new ServiceRef("cart", "shop");
        assertEquals(List.of(), result.rejects());
        assertEquals(List.of(
                new ParsedLogRecord(cart, 1_700_000_000_000_000_001L, LogSeverity.ERROR, "payment declined",
                        "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174"),
                new ParsedLogRecord(cart, 1_700_000_001_000_000_000L, LogSeverity.WARN,
                        "{\"values\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"v\"}}]}", null, null),
                new ParsedLogRecord(cart, 1_700_000_002_000_000_000L, LogSeverity.FATAL, "42", null, null)),
                result.accepted());
    }

    @Test
    void rejectsEachBadRecordAtItsFieldPathAndKeepsTheGoodOnes() throws IOException {
        String good = "{\"timeUnixNano\": \"1700000000000000000\", \"body\": {\"stringValue\": \"ok\"}}";
        ParseResult<ParsedLogRecord> result = parse(request(good,
                "{\"body\": {\"stringValue\": \"no time\"}}",
                "{\"timeUnixNano\": \"1700000000000000000\"}",
                "{\"timeUnixNano\": true, \"body\": {\"stringValue\": \"x\"}}",
                "{\"timeUnixNano\": \"1\", \"severityNumber\": 25, \"body\": {\"stringValue\": \"x\"}}",
                "{\"timeUnixNano\": \"1\", \"body\": \"plain\"}",
                "{\"timeUnixNano\": \"1\", \"body\": {}}",
                "{\"timeUnixNano\": \"1\", \"traceId\": \"abc\", \"body\": {\"stringValue\": \"x\"}}",
                good));

        assertEquals(2, result.accepted().size());
        String records = "resourceLogs[0].scopeLogs[0].logRecords";
        assertEquals(List.of(
                new ParseReject(records + "[1].timeUnixNano", "missing, and no observedTimeUnixNano"),
                new ParseReject(records + "[2].body", "missing"),
                new ParseReject(records + "[3].timeUnixNano", "Not an uint64 value: true"),
                new ParseReject(records + "[4].severityNumber", "not a severity number: 25"),
                new ParseReject(records + "[5].body", "Expect message object but got: \"plain\""),
                new ParseReject(records + "[6].body", "no stringValue, scalar, arrayValue or kvlistValue"),
                new ParseReject(records + "[7].traceId", "not 32 hex digits: 'abc'")), result.rejects());
    }

    @Test
    void failsOnAPayloadThatIsNotJson() {
        assertThrows(MalformedPayloadException.class, () -> parse("2026-01-01T00:00:00Z cart started"));
    }

    @Test
    void rejectsARecordWithNulAtItsFieldAndReadsTheNextRecord() throws IOException {
        ParseResult<ParsedLogRecord> result = parse(request(
                "{\"timeUnixNano\": \"1\", \"body\": {\"stringValue\": \"a\\u0000b\", \"other\": 1}, \"severityText\": \"INFO\"}",
                "{\"timeUnixNano\": \"1\", \"severityText\": \"\\u0000\", \"body\": {\"stringValue\": \"x\"}}",
                "{\"timeUnixNano\": \"1\", \"body\": {\"stringValue\": \"ok\"}}"));

        assertEquals(List.of("ok"), result.accepted().stream().map(ParsedLogRecord::body).toList());
        String records = "resourceLogs[0].scopeLogs[0].logRecords";
        assertEquals(List.of(
                new ParseReject(records + "[0].body.stringValue", "contains a NUL character (U+0000), which cannot be stored"),
                new ParseReject(records + "[1].severityText", "contains a NUL character (U+0000), which cannot be stored")), result.rejects());
    }

    @Test
    void failsWithAClearMessageBeyondJacksonsLimits() {
        MalformedPayloadException deep = assertThrows(MalformedPayloadException.class, () -> parse(request(
                "{\"timeUnixNano\": \"1\", \"body\": {\"arrayValue\": " + "[".repeat(1100) + "]".repeat(1100) + "}}")));
        assertEquals("payload is not readable JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)", deep.getMessage());
        MalformedPayloadException longString = assertThrows(MalformedPayloadException.class, () -> parse(request(
                "{\"timeUnixNano\": \"1\", \"body\": {\"stringValue\": \"" + "x".repeat(20_000_001) + "\"}}")));
        assertTrue(longString.getMessage().startsWith("payload is not readable JSON: String value length (20000001) exceeds the maximum allowed"),
                longString.getMessage());
    }
}
