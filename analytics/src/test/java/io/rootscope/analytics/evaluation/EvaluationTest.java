package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.Explanation;
import io.rootscope.analytics.rca.MetricType;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.RootCauseMethod;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {

    private static DiagnosisWindow window() {
        return DiagnosisWindow.builder(new long[]{1, 2, 3, 4, 5, 6}, "web")
                .series("web", MetricType.CPU, new double[]{1, 2, 1, 2, 1, 2}).build();
    }

    /** Ranks a fixed order and records the order of its calls. */
    private static final class Scripted implements RootCauseMethod {
        final List<String> calls = new ArrayList<>();

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Diagnosis rank(DiagnosisWindow window) {
            calls.add("rank");
            List<RankedService> ranking = List.of(new RankedService("a", 3), new RankedService("b", 2),
                    new RankedService("c", 1), new RankedService("d", 0.5), new RankedService("e", 0.2),
                    new RankedService("f", 0.1));
            return new Diagnosis(name(), ranking, new Explanation(List.of(), Map.of(), List.of(), Map.of()));
        }

        @Override
        public void learn(DiagnosisWindow window, String rootCauseService) {
            calls.add("learn " + rootCauseService);
        }
    }

    @Test
    void figuresPerFaultTypeAndPrequentialLearning() {
        List<FaultCase> cases = List.of(new FaultCase("1", "cpu", "a", window()),
                new FaultCase("2", "cpu", "c", window()), new FaultCase("3", "mem", "f", window()),
                new FaultCase("4", "mem", "unknown", window()));
        Scripted method = new Scripted();
        Evaluation e = Evaluation.online(method, cases);
        assertEquals(List.of("rank", "learn a", "rank", "learn c", "rank", "learn f", "rank", "learn unknown"),
                method.calls);
        assertEquals("scripted online", e.method());
        Evaluation.Summary all = e.overall();
        assertEquals(4, all.cases());
        assertEquals(0.25, all.ac1(), 1e-12);
        assertEquals(0.5, all.ac3(), 1e-12);
        assertEquals((1 + 0.6) / 4, all.avg5(), 1e-12);
        List<Evaluation.Summary> byType = e.byFaultType();
        assertEquals(List.of("cpu", "mem"), byType.stream().map(Evaluation.Summary::group).toList());
        assertEquals(1.0, byType.get(0).ac3(), 1e-12);
        assertEquals(0.0, byType.get(1).avg5(), 1e-12);
        String table = Evaluation.table(List.of(e));
        assertTrue(table.lines().anyMatch(l -> l.matches("scripted online\\s+cpu\\s+2\\s+0\\.500\\s+1\\.000\\s+0\\.800.*")),
                table);
        assertTrue(e.perCaseTable().contains("rank=0"), "an unranked root cause has rank 0");
    }

    @Test
    void plainRunLearnsNothing() {
        Scripted method = new Scripted();
        Evaluation e = Evaluation.run(method, List.of(new FaultCase("1", "cpu", "a", window()),
                new FaultCase("2", "cpu", "c", window())));
        assertEquals(List.of("rank", "rank"), method.calls);
        assertEquals("scripted", e.method());
    }
}
