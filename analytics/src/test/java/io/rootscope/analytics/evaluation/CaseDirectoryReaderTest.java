package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MetricNameMapping;
import io.rootscope.analytics.rca.MetricType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
