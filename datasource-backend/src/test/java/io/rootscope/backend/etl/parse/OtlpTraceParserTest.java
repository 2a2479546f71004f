package io.rootscope.backend.etl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpTraceParserTest {

    private static final String TRACE = "5B8EFFF798038103D269B633813FC60C";
    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";

    private final OtlpTraceParser parser = new OtlpTraceParser();

    private ParseResult<ParsedSpan> parse(String json) throws IOException {
        return parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A good span; {@code extra} adds fields or overrides them (the parser keeps the last of duplicate keys). */
    private static String span(String spanId, String extra) {
        return """
                {"traceId": "%s", "spanId": "%s", "name": "GET /cart", "kind": 2,
                 "startTimeUnixNano": "1700000000000000000", "endTimeUnixNano": "1700000000250000000"%s}"""
                .formatted(TRACE, spanId, extra.isEmpty() ? "" : ", " + extra);
    }

    private static String resourceSpans(String service, String... spans) {
        return """
                {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "%s"}}]},
                 "scopeSpans": [{"scope": {"name": "otel"}, "spans": [%s]}]}"""
                .formatted(service, String.join(",", spans));
    }

    private static String request(String... resourceSpans) {
        return "{\"resourceSpans\": [" + String.join(",", resourceSpans) + "]}";
    }

    @Test
    void readsSpansWithTheirResourceServiceFollowingTheOtlpJsonEncoding() throws IOException {
        String frontend = """
                {"scopeSpans": [{"spans": [{"traceId": "%s", "spanId": "A1A2A3A4A5A6A7A8", "parentSpanId": "",
                   "name": "checkout", "kind": "SPAN_KIND_CLIENT", "startTimeUnixNano": 1700000000000000000,
                   "endTimeUnixNano": "1700000000300000000", "status": {"code": "STATUS_CODE_ERROR"},
                   "attributes": [{"key": "peer.service", "value": {"stringValue": "redis"}}],
                   "events": [{"name": "retry"}]}]}],
                 "resource": {"attributes": [
                   {"key": "service.name", "value": {"stringValue": "frontend"}},
                   {"key": "k8s.namespace.name", "value": {"stringValue": "shop"}}]}}""".formatted(TRACE);
        ParseResult<ParsedSpan> result = parse(request(frontend,
                resourceSpans("cart", span("b1b2b3b4b5b6b7b8", "\"parentSpanId\": \"a1a2a3a4a5a6a7a8\""))));

        assertEquals(List.of(), result.rejects());
        assertEquals(List.of(
                new ParsedSpan(TRACE_ID, "a1a2a3a4a5a6a7a8", null, new ServiceRef("frontend", "shop"), "checkout",
                        SpanKind.CLIENT, 1_700_000_000_000_000_000L, 1_700_000_000_300_000_000L, true, "redis"),
                new ParsedSpan(TRACE_ID, "b1b2b3b4b5b6b7b8", "a1a2a3a4a5a6a7a8", new ServiceRef("cart", null),
                        "GET /cart", SpanKind.SERVER, 1_700_000_000_000_000_000L, 1_700_000_000_250_000_000L, false,
                        null)), result.accepted());
        assertEquals(250_000_000L, result.accepted().get(1).durationNanos());
    }

    @Test
    void rejectsEachBadSpanAtItsFieldPathAndKeepsTheGoodOnes() throws IOException {
        ParseResult<ParsedSpan> result = parse(request(
                resourceSpans("cart",
                        span("0000000000000001", ""),
                        span("0000000000000002", "\"startTimeUnixNano\": \"17 s\""),
                        span("0000000000000003", "\"endTimeUnixNano\": \"1600000000000000000\""),
                        span("0000000000000004", "\"status\": {\"code\": 7}"),
                        "42",
                        span("0000000000000006", "\"kind\": {\"value\": 2}")),
                resourceSpans("api",
                        span("W6Tm2vkE5T0=", ""),
                        "{\"traceId\": \"" + TRACE + "\", \"startTimeUnixNano\": \"1\", \"endTimeUnixNano\": \"2\"}",
                        span("0000000000000009", "\"parentSpanId\": \"00000000000000000\""),
                        span("000000000000000a", ""))));

        assertEquals(List.of("0000000000000001", "000000000000000a"),
                result.accepted().stream().map(ParsedSpan::spanId).toList());
        String spans0 = "resourceSpans[0].scopeSpans[0].spans";
        String spans1 = "resourceSpans[1].scopeSpans[0].spans";
        assertEquals(List.of(
                new ParseReject(spans0 + "[1].startTimeUnixNano", "Not an uint64 value: \"17 s\""),
                new ParseReject(spans0 + "[2].endTimeUnixNano", "before startTimeUnixNano"),
                new ParseReject(spans0 + "[3].status.code", "not a status code: 7"),
                new ParseReject(spans0 + "[4]", "not an object"),
                new ParseReject(spans0 + "[5].kind", "Invalid value: {\"value\":2} for expected type: ENUM"),
                new ParseReject(spans1 + "[0].spanId", "not 16 hex digits: 'W6Tm2vkE5T0='"),
                new ParseReject(spans1 + "[1].spanId", "missing"),
                new ParseReject(spans1 + "[2].parentSpanId", "not 16 hex digits: '00000000000000000'")),
                result.rejects());
    }

    @Test
    void rejectsNumbersOutOfRangeWithoutFailingTheRequest() throws IOException {
        ParseResult<ParsedSpan> result = parse(request(resourceSpans("cart",
                span("0000000000000001", "\"startTimeUnixNano\": \"99999999999999999999\""),
                span("0000000000000002", "\"endTimeUnixNano\": 1.5"),
                span("0000000000000003", "\"endTimeUnixNano\": \"18446744073709551615\""),
                span("0000000000000004", "\"startTimeUnixNano\": -5"),
                span("\uFF10000000000000005", ""),
                span("0000000000000006", "\"attributes\": [{\"value\": {\"stringValue\": \"redis\"},"
                        + " \"key\": \"peer.service\"}]"))));

        String spans = "resourceSpans[0].scopeSpans[0].spans";
        assertEquals(List.of(
                new ParseReject(spans + "[0].startTimeUnixNano", "Out of range uint64 value: \"99999999999999999999\""),
                new ParseReject(spans + "[1].endTimeUnixNano", "Not an uint64 value: 1.5"),
                new ParseReject(spans + "[2].endTimeUnixNano", "out of range: 18446744073709551615"),
                new ParseReject(spans + "[3].startTimeUnixNano", "Out of range uint64 value: -5"),
                new ParseReject(spans + "[4].spanId", "not 16 hex digits: '\uFF10000000000000005'")),
                result.rejects());
        assertEquals("redis", result.accepted().get(0).peerService());
    }

    /**
     * What protobuf's JSON mapping allows beyond OTLP/JSON's integers: exponent notation of an integral value; an enum
     * name or number it does not know reads as the default (unspecified), as unknown fields are ignored.
     */
    @Test
    void readsNumbersAsProtobufsJsonMappingDoes() throws IOException {
        ParseResult<ParsedSpan> result = parse(request(resourceSpans("cart",
                span("0000000000000001", "\"endTimeUnixNano\": 1.7e18"),
                span("0000000000000002", "\"kind\": \"SPAN_KIND_ROUTER\""),
                span("0000000000000003", "\"kind\": 4294967296"),
                span("0000000000000004", "\"droppedEventsCount\": 3, \"futureField\": {\"a\": [1]}"))));

        assertEquals(List.of(), result.rejects());
        assertEquals(1_700_000_000_000_000_000L, result.accepted().get(0).endUnixNano());
        assertEquals(List.of(SpanKind.SERVER, SpanKind.UNSPECIFIED, SpanKind.UNSPECIFIED, SpanKind.SERVER),
                result.accepted().stream().map(ParsedSpan::kind).toList());
    }

    @Test
    void convertsTheHexIdsOfLinksAndRejectsABadOneAtItsPath() throws IOException {
        ParseResult<ParsedSpan> result = parse(request(resourceSpans("cart",
                span("0000000000000001", "\"links\": [{\"traceId\": \"" + TRACE + "\", \"spanId\": \"0000000000000009\"}]"),
                span("0000000000000002", "\"links\": [{\"traceId\": \"" + TRACE + "\", \"spanId\": \"xyz\"}]"))));

        assertEquals(List.of("0000000000000001"), result.accepted().stream().map(ParsedSpan::spanId).toList());
        assertEquals(List.of(new ParseReject("resourceSpans[0].scopeSpans[0].spans[1].links[0].spanId", "not 16 hex digits: 'xyz'")),
                result.rejects());
    }

    @Test
    void rejectsMalformedContainersAndTheSpansOfAResourceWithABadServiceName() throws IOException {
        String badService = """
                {"resource": {"attributes": [{"key": "service.name", "value": {"intValue": "7"}}]},
                 "scopeSpans": [{"spans": [%s, %s]}]}""".formatted(span("0000000000000001", ""),
                span("0000000000000002", ""));
        ParseResult<ParsedSpan> result = parse(request(badService, "{\"scopeSpans\": {\"spans\": []}}",
                resourceSpans("cart", span("0000000000000003", ""))));

        assertEquals(1, result.accepted().size());
        assertEquals(List.of(
                new ParseReject("resourceSpans[0].resource.attributes[service.name]",
                        "not a stringValue (2 spans rejected)"),
                new ParseReject("resourceSpans[1].scopeSpans", "not an array")), result.rejects());
    }

    @Test
    void defaultsAMissingServiceNameAsOtelSdksDo() throws IOException {
        ParseResult<ParsedSpan> result = parse(request("{\"scopeSpans\": [{\"spans\": [" + span("0000000000000001", "")
                + "]}]}"));

        assertEquals(ServiceRef.UNKNOWN, result.accepted().get(0).service());
    }

    @Test
    void failsOnPayloadsThatAreNotAJsonObject() {
        assertMalformed("not valid JSON at line 1", "resourceSpans: []");
        assertMalformed("expected a JSON object, found START_ARRAY", "[]");
        assertMalformed("empty payload", "  ");
        String truncated = request(resourceSpans("cart", span("0000000000000001", ""))).substring(0, 80);
        assertMalformed("not valid JSON", truncated);
        assertMalformed("unexpected content after", "{} {}");
    }

    private void assertMalformed(String expected, String payload) {
        MalformedPayloadException e = assertThrows(MalformedPayloadException.class, () -> parse(payload));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
