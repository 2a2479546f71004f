package io.rootscope.analytics.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogSeverityTest {

    @Test
    void mapsOtlpSeverityNumberRangesToLevels() {
        assertEquals(LogSeverity.UNSPECIFIED, LogSeverity.fromOtlpSeverityNumber(0));
        assertEquals(LogSeverity.TRACE, LogSeverity.fromOtlpSeverityNumber(4));
        assertEquals(LogSeverity.DEBUG, LogSeverity.fromOtlpSeverityNumber(5));
        assertEquals(LogSeverity.INFO, LogSeverity.fromOtlpSeverityNumber(9));
        assertEquals(LogSeverity.WARN, LogSeverity.fromOtlpSeverityNumber(16));
        assertEquals(LogSeverity.ERROR, LogSeverity.fromOtlpSeverityNumber(17));
        assertEquals(LogSeverity.FATAL, LogSeverity.fromOtlpSeverityNumber(24));
    }

    @Test
    void rejectsSeverityNumbersOutsideTheOtlpRange() {
        assertThrows(IllegalArgumentException.class, () -> LogSeverity.fromOtlpSeverityNumber(-1));
        assertThrows(IllegalArgumentException.class, () -> LogSeverity.fromOtlpSeverityNumber(25));
    }

    @Test
    void readsLabelsInTheirCommonSpellings() {
        assertEquals(LogSeverity.WARN, LogSeverity.fromLabel(" Warning "));
        assertEquals(LogSeverity.ERROR, LogSeverity.fromLabel("err"));
        assertEquals(LogSeverity.FATAL, LogSeverity.fromLabel("CRITICAL"));
        assertEquals(LogSeverity.UNSPECIFIED, LogSeverity.fromLabel("verbose-ish"));
        assertEquals(LogSeverity.UNSPECIFIED, LogSeverity.fromLabel(null));
    }

    @Test
    void detectsTheLevelAmongTheLeadingWordsOnly() {
        assertEquals(LogSeverity.ERROR, LogSeverity.detect("2024-01-01T00:00:00Z [ERROR] disk full"));
        assertEquals(LogSeverity.INFO, LogSeverity.detect("ts=1 level=info msg=started"));
        assertEquals(LogSeverity.UNSPECIFIED, LogSeverity.detect("I am fine"));
        assertEquals(LogSeverity.UNSPECIFIED,
                LogSeverity.detect("job one two three four five six finished after error"));
    }

    @Test
    void readsTheLevelFieldOfStructuredLinesWhereverItIs() {
        assertEquals(LogSeverity.WARN, LogSeverity.detect(
                "{\"error\":\"rpc error: code = Unavailable\",\"http.req.id\":\"a1\",\"message\":\"retrying\","
                        + "\"severity\":\"warning\",\"timestamp\":\"2024-01-01T00:00:00Z\"}"), "logrus sorts its keys");
        assertEquals(LogSeverity.ERROR, LogSeverity.detect(
                "{\"instant\":{\"epochSecond\":1674987911},\"thread\":\"grpc-default-executor-1\",\"level\":\"ERROR\"}"));
        assertEquals(LogSeverity.ERROR, LogSeverity.detect("{\"level\":50,\"time\":1674987911,\"msg\":\"charge failed\"}"));
        assertEquals(LogSeverity.FATAL, LogSeverity.detect("{\"level\": 60, \"msg\": \"exiting\"}"));
        assertEquals(LogSeverity.INFO, LogSeverity.detect("{'levelname': 'INFO', 'message': 'error budget is fine'}"));
        assertEquals(LogSeverity.ERROR, LogSeverity.detect("time=1 caller=main.go:12 msg=\"x\" lvl=E"));
        assertEquals(LogSeverity.UNSPECIFIED, LogSeverity.detect("{\"level\":3,\"msg\":\"not a pino level\"}"));
        assertEquals(LogSeverity.UNSPECIFIED, LogSeverity.detect("water level: high, pressure normal"));
        assertEquals(LogSeverity.UNSPECIFIED, LogSeverity.detect(
                "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"loglevels\":\"error\",\"sublevel\":\"error\"}"),
                "only a whole level key counts");
    }

    @Test
    void prefersTheStatedSeverityOverTheDetectedOne() {
        assertEquals(LogSeverity.WARN, LogSeverity.resolve(LogSeverity.WARN, "ERROR text"));
        assertEquals(LogSeverity.ERROR, LogSeverity.resolve(LogSeverity.UNSPECIFIED, "ERROR text"));
        assertTrue(LogSeverity.FATAL.isError());
        assertFalse(LogSeverity.WARN.isError());
    }
}
