package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MetricNameMapping;
import io.rootscope.analytics.rca.MetricType;
import io.rootscope.analytics.rca.SpanRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseDirectoryReaderTest {

    static Path writeCase(Path dir, String id) throws IOException {
        Path c = Files.createDirectories(dir.resolve(id));
        Files.writeString(c.resolve("case.json"), "{\"id\": \"" + id + "\", \"system\": \"s\", "
                + "\"root_cause_service\": \"db\", \"fault_type\": \"cpu\", \"inject_time\": 100, "
                + "\"frontend_service\": \"web\", \"sampling_interval_s\": 1, \"source\": \"test\"}");
        // normal run overlaps the fault run's times (separate runs): it is moved before the fault run
        Files.writeString(c.resolve("normal.csv"), """
                time,db_cpu,web_lat_50,web_lat_90,web_mem,db_bad
                100,1,5,7,,1
                101,2,5,8,,1
                102,1,6,7,,1
                """);
        Files.writeString(c.resolve("anomalous.csv"), """
                time,db_cpu,web_lat_50,web_lat_90,web_mem,db_bad
                100,9,5,9,1,1
                101,,6,9,2,1
                102,8,5,9,3,1
                """);
        return c;
    }

    /** Writes logs and spans, one broken row of logs and two of spans among them, into case {@code c}. */
    private static void writeLogsAndSpans(Path c) throws IOException {
        Files.writeString(c.resolve("normal_logs.csv"), """
                time,service,message
                98.5,db,"10:00:00.001 INFO  query done, rows 5"
                99.25,web,10:00:00.002 INFO  request served in 5 ms
                """);
        Files.writeString(c.resolve("anomalous_logs.csv"), """
                time,service,message
                100.5,db,"10:00:01.001 ERROR query failed: ""timeout"" after 30 ms"
                101.5,,10:00:01.002 INFO  no service
                """);
        Files.writeString(c.resolve("normal_spans.csv"), """
                trace_id,span_id,parent_span_id,service,operation,start,duration_ms
                t1,a,,web,GET /,98.000001,12.5
                t1,b,a,db,SELECT,98.001,10
                """);
        Files.writeString(c.resolve("anomalous_spans.csv"), """
                trace_id,span_id,parent_span_id,service,operation,start,duration_ms
                t2,a,,web,GET /,100.2,40
                t2,b,a,db,SELECT,soon,30
                t2,c,a,db
                """);
    }

    @Test
    void readsLogsAndSpansAndRejectsBrokenRowsWithTheirPlace(@TempDir Path tmp) throws IOException {
        Path c = writeCase(tmp, "c2");
        writeLogsAndSpans(c);
        FaultCase fault = new CaseDirectoryReader().read(c);
        DiagnosisWindow w = fault.window();
        assertEquals(3, w.logs().size());
        assertEquals(3, w.spans().size());
        assertEquals(100_000, w.evidenceSplitMillis(), "the earliest anomalous record starts the anomaly");
        assertEquals(LogSeverity.ERROR, w.logs().get(2).severity());
        assertEquals("db", w.logs().get(2).service());
        SpanRecord child = w.spans().get(1);
        assertEquals("a", child.parentSpanId());
        assertEquals(98_001_000, child.startMicros());
        assertEquals(10_000, child.durationMicros());
        assertEquals(null, w.spans().get(0).parentSpanId(), "an empty parent is a root span");
        assertEquals(List.of(
                "anomalous_logs.csv:3: column service: empty service",
                "anomalous_spans.csv:3: column start: not a number: 'soon'",
                "anomalous_spans.csv:4: column service: expected 7 fields, got 4"),
                fault.rejected().stream().map(RejectedRow::toString).toList());
    }

    @Test
    void readsACaseWithoutTheKindsOfTelemetryLeftOut(@TempDir Path tmp) throws IOException {
        Path c = writeCase(tmp, "c4");
        writeLogsAndSpans(c);
        MetricNameMapping mapping = MetricNameMapping.defaults();
        DiagnosisWindow withoutLogs = new CaseDirectoryReader(mapping, EnumSet.of(Telemetry.METRICS, Telemetry.SPANS))
                .read(c).window();
        assertEquals(0, withoutLogs.logs().size());
        assertEquals(3, withoutLogs.spans().size());
        assertTrue(withoutLogs.metricTypes().contains(MetricType.CPU));
        FaultCase withoutSpans = new CaseDirectoryReader(mapping, EnumSet.of(Telemetry.METRICS, Telemetry.LOGS)).read(c);
        assertEquals(3, withoutSpans.window().logs().size());
        assertEquals(0, withoutSpans.window().spans().size());
        assertEquals(List.of("anomalous_logs.csv:3: column service: empty service"),
                withoutSpans.rejected().stream().map(RejectedRow::toString).toList(), "files left out are not read");
        DiagnosisWindow withoutMetrics = new CaseDirectoryReader(mapping, EnumSet.of(Telemetry.LOGS, Telemetry.SPANS))
                .read(c).window();
        assertEquals(List.of(), withoutMetrics.metricTypes());
        assertArrayEquals(new long[]{97, 98, 99, 100, 101, 102}, withoutMetrics.times(), "the metric files still give the time");
        assertEquals(3, withoutMetrics.spans().size());
    }

    @Test
    void refusesATelemetryFileWithoutItsHeader(@TempDir Path tmp) throws IOException {
        Path c = writeCase(tmp, "c3");
        Files.writeString(c.resolve("normal_spans.csv"), "trace,span\nt1,a\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CaseDirectoryReader().read(c));
        assertTrue(e.getMessage().startsWith("normal_spans.csv: the header must be trace_id,"), e.getMessage());
    }

    @Test
    void readsACaseFromSeparateRuns(@TempDir Path tmp) throws IOException {
        FaultCase c = new CaseDirectoryReader().read(writeCase(tmp, "c1"));
        assertEquals("c1", c.id());
        assertEquals("db", c.rootCauseService());
        assertEquals("cpu", c.faultType());
        DiagnosisWindow w = c.window();
        assertArrayEquals(new long[]{97, 98, 99, 100, 101, 102}, w.times());
        assertEquals(3, w.normalEnd());
        assertEquals("web", w.frontend());
        int latency = w.metricTypes().indexOf(MetricType.LATENCY);
        int web = w.services().indexOf("web");
        assertArrayEquals(new double[]{7, 8, 7, 9, 9, 9}, w.series(latency, web).orElseThrow(), "p90 preferred");
        double[] cpu = w.series(w.metricTypes().indexOf(MetricType.CPU), w.services().indexOf("db")).orElseThrow();
        assertTrue(Double.isNaN(cpu[4]));
        assertTrue(w.metricTypes().contains(new MetricType("bad")), "unmapped metrics keep their own type");
    }

    @Test
    void customMappingChoosesTheColumns(@TempDir Path tmp) throws IOException {
        DiagnosisWindow w = new CaseDirectoryReader(MetricNameMapping.parse("latency=lat_50")).read(writeCase(tmp, "c"))
                .window();
        int latency = w.metricTypes().indexOf(MetricType.LATENCY);
        assertArrayEquals(new double[]{5, 5, 6, 5, 6, 5}, w.series(latency, w.services().indexOf("web")).orElseThrow());
        assertTrue(w.metricTypes().contains(new MetricType("lat_90")));
    }

    @Test
    void readsEveryCaseOfAParentDirectoryInNameOrder(@TempDir Path tmp) throws IOException {
        writeCase(tmp, "b");
        writeCase(tmp, "a");
        List<FaultCase> cases = new CaseDirectoryReader().readAll(List.of(tmp));
        assertEquals(List.of("a", "b"), cases.stream().map(FaultCase::id).toList());
        assertThrows(IllegalArgumentException.class,
                () -> new CaseDirectoryReader().readAll(List.of(tmp.resolve("missing"))));
        assertThrows(IllegalArgumentException.class,
                () -> new CaseDirectoryReader().readAll(List.of(Files.createDirectories(tmp.resolve("empty")))));
    }
}
