package io.rootscope.backend.etl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.analytics.logs.LogSeverity;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainTextLogParserTest {

    private final PlainTextLogParser parser = new PlainTextLogParser();

    @Test
    void readsTimestampServiceAndMessage() throws IOException {
        ParseResult<ParsedLogRecord> result = parser.parse(new StringReader("""
                2026-01-01T10:00:00.123Z cart  ERROR connection refused to 10.0.0.7

                2026-01-01T12:00:00+02:00\tapi\tstarted
                """));

        assertEquals(List.of(
                new ParsedLogRecord(new ServiceRef("cart", null), 1_767_261_600_123_000_000L, LogSeverity.UNSPECIFIED,
                        "ERROR connection refused to 10.0.0.7", null, null),
                new ParsedLogRecord(new ServiceRef("api", null), 1_767_261_600_000_000_000L, LogSeverity.UNSPECIFIED,
                        "started", null, null)), result.accepted());
    }

    @Test
    void takesTheServiceOfTheStreamWhenGiven() throws IOException {
        ServiceRef cart = new ServiceRef("cart", "shop");
        ParseResult<ParsedLogRecord> result = parser.parse(
                new StringReader("2026-01-01T10:00:00Z cache miss for user 7\n"), cart);

        assertEquals(cart, result.accepted().get(0).service());
        assertEquals("cache miss for user 7", result.accepted().get(0).body());
    }

    @Test
    void rejectsBadLinesByNumberAndKeepsTheOthers() throws IOException {
        ParseResult<ParsedLogRecord> result = parser.parse(new StringReader("""
                2026-01-01T10:00:00Z cart ok
                yesterday cart broken
                2026-01-01T10:00:00 cart no offset
                2026-01-01T10:00:00Z cart
                2026-01-01T10:00:00Z
                2026-01-01T10:00:01Z cart ok again
                """));

        assertEquals(2, result.accepted().size());
        assertEquals(List.of(
                new ParseReject("line 2", "timestamp 'yesterday' is not RFC 3339 with an offset"),
                new ParseReject("line 3", "timestamp '2026-01-01T10:00:00' is not RFC 3339 with an offset"),
                new ParseReject("line 4", "no message"),
                new ParseReject("line 5", "no service after the timestamp")), result.rejects());
    }

    @Test
    void rejectsALineWithNulAndATimeNoRecordCanCarry() throws IOException {
        ParseResult<ParsedLogRecord> result = parser.parse(new StringReader(
                "2026-01-01T10:00:00Z cart a\u0000b\n2300-01-01T00:00:00Z cart late\n1500-01-01T00:00:00Z cart early\n"
                        + "2026-01-01T10:00:01Z cart ok\n"));

        assertEquals(1, result.accepted().size());
        assertEquals(new ParseReject("line 1", "contains a NUL character (U+0000), which cannot be stored"), result.rejects().get(0));
        assertEquals(new ParseReject("line 2", "timestamp '2300-01-01T00:00:00Z' is outside the supported time range "
                + "1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z (nanoseconds since 1970 in 64 bits, as OTLP times)"),
                result.rejects().get(1));
        assertEquals("line 3", result.rejects().get(2).location());
    }
}
