package io.rootscope.analytics.logs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StructuredLogLineTest {

    @Test
    void aJsonLineIsMinedByItsMessageField() {
        assertEquals("failed to retrieve ads", StructuredLogLine.minedText(
                "{\"error\":\"rpc error: code = Unavailable\",\"http.req.id\":\"a1\",\"message\":\"failed to retrieve ads\","
                        + "\"severity\":\"warning\"}"));
        assertEquals("conversion request successful", StructuredLogLine.minedText(
                "{\"level\":30,\"time\":1661137800123,\"pid\":1,\"msg\":\"conversion request successful\",\"v\":1}"));
        assertEquals("GET /cart took 5 ms", StructuredLogLine.minedText("  {\"@t\":\"2024-01-01\",\"@m\":\"GET /cart took 5 ms\\n\"}"));
    }

    @Test
    void aJsonLineWithoutAMessageIsMinedByItsFields() {
        assertEquals("method=GET path=/cart status=200 user={} note=\"slow client\"", StructuredLogLine.minedText(
                "{\"method\":\"GET\",\"path\":\"/cart\",\"status\":200,\"user\":{\"id\":7},\"note\":\"slow client\"}"));
    }

    @Test
    void anOtlpMapBodyIsMinedAsTheObjectItEncodes() {
        assertEquals("payment declined", StructuredLogLine.minedText("{\"values\":[{\"key\":\"code\",\"value\":{\"intValue\":\"402\"}},"
                + "{\"key\":\"ctx\",\"value\":{\"kvlistValue\":{\"values\":[]}}},"
                + "{\"key\":\"msg\",\"value\":{\"stringValue\":\"payment declined\"}}]}"));
        assertEquals("code=402 ctx={}", StructuredLogLine.minedText("{\"values\":[{\"key\":\"code\",\"value\":{\"intValue\":\"402\"}},"
                + "{\"key\":\"ctx\",\"value\":{\"kvlistValue\":{\"values\":[]}}}]}"));
    }

    @Test
    void otherLinesAreMinedAsTheyAre() {
        for (String line : List.of("18:25:11.776 INFO  t.c.TravelController - [queryInfo]", "[1, 2, 3]", "{not json at all",
                "{}", "")) {
            assertEquals(line, StructuredLogLine.minedText(line));
        }
    }

    @Test
    void aLineCutShortKeepsWhatItSaidBeforeTheCut() {
        assertEquals("order placed", StructuredLogLine.minedText("{\"msg\":\"order placed\",\"items\":[{\"sku\":\"A1\",\"qty"));
    }

    @Test
    void jsonLinesOfOneMessageFormOneTemplate() {
        List<LogEntry> lines = IntStream.range(0, 50).mapToObj(i -> LogEntry.of("{\"http.req.id\":\"" + UUID.randomUUID()
                + "\",\"http.resp.took_ms\":" + i + ",\"message\":\"request complete\",\"session\":\"" + UUID.randomUUID()
                + "\",\"severity\":\"debug\"}")).toList();
        LogTemplateBatch batch = new DrainTemplateMiner().mine(lines);
        assertEquals(1, batch.templates().size(), batch.templates().toString());
        assertEquals("request complete", batch.templates().get(0).text());
        assertEquals(LogSeverity.DEBUG, batch.lines().get(0).severity());
    }
}
