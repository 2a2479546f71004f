package io.rootscope.analytics.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.analytics.logs.LogTemplate;
import io.rootscope.analytics.logs.MinedLogLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogPatternCounterTest {

    private static final long T0 = 1_700_000_100_000L; // a five-minute boundary
    private static final LogTemplate TIMEOUT = LogTemplate.of("Timeout calling <URL>");

    @Test
    void countsLinesAndErrorsPerServicePatternAndBucket() {
        LogPatternCounter counter = new LogPatternCounter();
        counter.add("cart", T0, new MinedLogLine(TIMEOUT, LogSeverity.WARN));
        counter.add("cart", T0 + 10, new MinedLogLine(TIMEOUT, LogSeverity.ERROR));
        counter.add("cart", T0 + 20, new MinedLogLine(TIMEOUT, LogSeverity.INFO));
        counter.add("cart", T0 + 300_000L, new MinedLogLine(TIMEOUT, LogSeverity.UNSPECIFIED));
        counter.add("api", T0, new MinedLogLine(TIMEOUT, LogSeverity.FATAL));

        assertEquals(List.of(
                new LogPatternBucket("api", TIMEOUT.fingerprint(), T0, 1, 1, LogSeverity.FATAL),
                new LogPatternBucket("cart", TIMEOUT.fingerprint(), T0, 3, 1, LogSeverity.ERROR),
                new LogPatternBucket("cart", TIMEOUT.fingerprint(), T0 + 300_000L, 1, 0, LogSeverity.UNSPECIFIED)),
                counter.buckets());
    }
}
