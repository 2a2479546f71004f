package io.rootscope.workload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.workload.fault.FaultType;
import io.rootscope.workload.fault.InvalidFaultException;
import io.rootscope.workload.otlp.LogGenerator;
import io.rootscope.workload.otlp.LogRecord;
import io.rootscope.workload.otlp.Severity;
import io.rootscope.workload.otlp.SpanKind;
import io.rootscope.workload.otlp.SpanRecord;
import io.rootscope.workload.otlp.TraceGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The code-level fault ({@link FaultType#JVM_EXCEPTION}) must leave the target's CPU, memory and latency as they were
 * while its requests fail, it logs the exception, its server spans fail and the calls below it are not made; compared
 * with the minute before the fault in the same run, with the spans and logs the OTLP exporter would send.
 */
class CodeFaultSignatureTest {

    private static final String DST = RequestSeries.DESTINATION;
    private static final int WINDOW_SECONDS = 60;
    private static final String EXCEPTION = "java.lang.IllegalStateException";

    private final SimulationRun run = new SimulationRun(11);
    private final TraceGenerator traces = new TraceGenerator(run.topology, new Random(5), 5);
    private final LogGenerator logGenerator = new LogGenerator(run.topology, new Random(6));

    /** What one window of ticks produced: the counters at both ends and the exported spans and logs. */
    private record Observed(Window window, List<SpanRecord> spans, List<LogRecord> logs) {
    }

    @Test
    void anExceptionFailsTheTargetWithItsCpuMemoryAndLatencyUnchanged() {
        run.run(30);
        Observed before = observe();
        run.inject(FaultType.JVM_EXCEPTION, "carts", WINDOW_SECONDS, 0.5);
        Observed during = observe();

        assertEquals(1, during.window().cpuCores("carts") / before.window().cpuCores("carts"), 0.15, "carts CPU");
        assertEquals(1, during.window().memoryBytes("carts") / before.window().memoryBytes("carts"), 0.1, "carts memory");
        double latency = during.window().latencyMs("carts", DST) / before.window().latencyMs("carts", DST);
        assertTrue(latency > 0.85 && latency < 1.1, "carts latency x" + latency + ": no faster failure, no slowdown");

        assertEquals(0.5, during.window().availability("carts", DST), 0.1, "half of the carts requests fail");
        assertTrue(before.window().availability("carts", DST) > 0.99);
        double database = during.window().throughput("carts-db", DST) / before.window().throughput("carts-db", DST);
        assertEquals(0.5, database, 0.15, "the calls below the throwing code are not made: carts-db x" + database);
    }

    @Test
    void theTargetLogsTheExceptionAndItsServerSpansFail() {
        run.run(30);
        Observed before = observe();
        run.inject(FaultType.JVM_EXCEPTION, "carts", WINDOW_SECONDS, 0.5);
        Observed during = observe();

        assertEquals(0, exceptions(before), "no exception before the fault");
        List<LogRecord> thrown = during.logs().stream().filter(l -> l.service().equals("carts") && l.body().contains(EXCEPTION)).toList();
        assertTrue(thrown.size() > 100, "carts logs the exception: " + thrown.size());
        assertTrue(thrown.stream().allMatch(l -> l.severity() == Severity.ERROR));
        assertTrue(thrown.get(0).body().startsWith("Servlet.service() for servlet [dispatcherServlet]")
                && thrown.get(0).body().contains("\n" + EXCEPTION + ": ") && thrown.get(0).body().contains("\n\tat "), thrown.get(0).body());
        assertTrue(thrown.stream().anyMatch(l -> l.traceId().isPresent()), "in sampled traces");
        assertTrue(thrown.stream().anyMatch(l -> l.traceId().isEmpty()), "and outside them");

        List<SpanRecord> cartsServer = server(during, "carts");
        List<SpanRecord> threw = cartsServer.stream().filter(s -> EXCEPTION.equals(s.attributes().get("exception.type"))).toList();
        assertEquals(0.5, (double) threw.size() / cartsServer.size(), 0.15, "share of carts server spans whose code threw");
        for (SpanRecord span : threw) {
            assertTrue(span.error(), "failed (OTLP status ERROR)");
            assertEquals(500L, span.attributes().get("http.response.status_code"));
            assertTrue(during.spans().stream().noneMatch(child -> child.parentSpanId().equals(Optional.of(span.spanId()))),
                    "a span whose code threw has no calls below it");
        }
        assertTrue(server(during, "front-end").stream().anyMatch(SpanRecord::error), "the caller fails with it");
        assertTrue(server(before, "carts").stream().noneMatch(SpanRecord::error));
    }

    @Test
    void onlyJavaApplicationsTakeTheFault() {
        InvalidFaultException wrong = assertThrows(InvalidFaultException.class,
                () -> run.inject(FaultType.JVM_EXCEPTION, "carts-db", WINDOW_SECONDS, 0.5));
        assertTrue(wrong.getMessage().contains("[carts, orders, shipping]"), wrong.getMessage());
        assertThrows(InvalidFaultException.class, () -> run.inject(FaultType.JVM_EXCEPTION, "payment", WINDOW_SECONDS, 0.5));
    }

    private Observed observe() {
        SimulationSnapshot from = run.simulation.snapshot();
        List<SpanRecord> spans = new ArrayList<>();
        List<LogRecord> logs = new ArrayList<>();
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            Tick tick = run.step();
            List<SpanRecord> tickSpans = traces.generate(tick);
            spans.addAll(tickSpans);
            logs.addAll(logGenerator.generate(tick, tickSpans));
        }
        return new Observed(new Window(from, run.simulation.snapshot()), spans, logs);
    }

    private static long exceptions(Observed observed) {
        return observed.logs().stream().filter(l -> l.body().contains(EXCEPTION)).count();
    }

    private static List<SpanRecord> server(Observed observed, String service) {
        return observed.spans().stream().filter(s -> s.service().equals(service) && s.kind() == SpanKind.SERVER).toList();
    }
}
