package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MetricNameMapping;
import io.rootscope.analytics.rca.MetricType;
import io.rootscope.analytics.rca.RootCauseMethod;
import io.rootscope.analytics.rca.methods.RootCauseMethods;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The figures of the issues, printed (not asserted): for each dataset (default: {@code sockshop-rcd} and
 * {@code nezha-tt-multimodal} beside the repository), every method's AC@1, AC@3, Avg@5 and p50/p95 diagnosis time
 * overall and per fault type (each method first diagnoses a few cases unmeasured, to warm the JIT), learning nothing;
 * each learning method once more as {@code METHOD online}, each case's root cause confirmed to it right after its
 * diagnosis ({@link Evaluation#online}, {@code eval --online}), so both figures show what learning adds; and the heap the
 * default method used: the most held after any case (after a GC before the run) and the bytes it allocated per case.
 * On a dataset with logs or spans, the default method again on the cases read without each kind of telemetry in turn
 * ({@code eval --without}), as systems that record less would give them.
 * Then the time of one diagnosis of a synthetic window of {@value #SCALE_SERVICES} services × 7 metric types ×
 * {@value #SCALE_SAMPLES} samples. Usage: {@code RcaBenchmark [DATASET_DIR...]}.
 */
public final class RcaBenchmark {

    public static final List<String> DATASETS_DEFAULT = List.of("sockshop-rcd", "nezha-tt-multimodal");
    static final int SCALE_SERVICES = 500;
    static final int SCALE_SAMPLES = 120;
    private static final int SCALE_MAX_EFFECTS = 3;
    private static final long SCALE_SEED = 7;
    private static final int WARM_UP_CASES = 5;

    private RcaBenchmark() {
    }

    public static void main(String[] args) {
        List<Path> datasets = new ArrayList<>();
        if (args.length > 0) {
            List.of(args).forEach(a -> datasets.add(Path.of(a)));
        } else {
            DATASETS_DEFAULT.forEach(name -> DatasetLocator.find(name).ifPresentOrElse(datasets::add,
                    () -> System.err.println("benchmark: dataset " + name + " not found beside the repository")));
        }
        if (datasets.isEmpty()) {
            System.err.println("benchmark: no dataset; give dataset directories as arguments");
            System.exit(2);
        }
        for (Path dataset : datasets) {
            run(dataset);
        }
        System.out.println("default method = " + RootCauseMethods.create(RootCauseMethods.DEFAULT, Map.of()).name());
        scaling();
    }

    private static void run(Path dataset) {
        List<FaultCase> cases = new CaseDirectoryReader().readAll(List.of(dataset));
        System.out.println("dataset " + dataset + ": " + cases.size() + " cases");
        List<Evaluation> evaluations = new ArrayList<>();
        for (String name : RootCauseMethods.names()) {
            if (!name.equals(RootCauseMethods.DEFAULT)) {
                // A throw-away instance warms the JIT so the times are those of a running backend.
                RootCauseMethod warmUp = RootCauseMethods.create(name, Map.of());
                cases.stream().limit(WARM_UP_CASES).forEach(c -> warmUp.rank(c.window()));
                RootCauseMethod method = RootCauseMethods.create(name, Map.of());
                evaluations.add(Evaluation.run(method, cases));
                // Learning methods again, each case's root cause confirmed right after its diagnosis (eval --online).
                if (method.learns()) {
                    evaluations.add(Evaluation.online(RootCauseMethods.create(name, Map.of()), cases));
                }
            }
        }
        System.out.print(Evaluation.table(evaluations));
        if (cases.stream().anyMatch(c -> !c.window().logs().isEmpty() || !c.window().spans().isEmpty())) {
            System.out.print(Evaluation.table(withoutEachTelemetry(dataset)));
        }
        heap(cases);
    }

    /** The default method on the dataset read without metrics, without logs, then without spans. */
    private static List<Evaluation> withoutEachTelemetry(Path dataset) {
        List<Evaluation> evaluations = new ArrayList<>();
        for (Telemetry left : Telemetry.values()) {
            Set<Telemetry> kept = EnumSet.complementOf(EnumSet.of(left));
            List<FaultCase> cases = new CaseDirectoryReader(MetricNameMapping.defaults(), kept).readAll(List.of(dataset));
            Evaluation evaluation = Evaluation.run(RootCauseMethods.create(RootCauseMethods.DEFAULT, Map.of()), cases);
            evaluations.add(evaluation.named(evaluation.method() + Telemetry.withoutLabel(kept)));
        }
        return evaluations;
    }

    /** Heap of the default method over the dataset: most held after a case, and bytes allocated per case. */
    private static void heap(List<FaultCase> cases) {
        RootCauseMethod method = RootCauseMethods.create(RootCauseMethods.DEFAULT, Map.of());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        long most = before;
        long allocated = threads.getCurrentThreadAllocatedBytes();
        for (FaultCase c : cases) {
            method.rank(c.window());
            most = Math.max(most, memory.getHeapMemoryUsage().getUsed());
        }
        allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
        System.out.printf("heap default: %.0f MB held with the cases loaded, at most %.0f MB after a case; "
                + "%.1f MB allocated per case%n", before / 1e6, most / 1e6, allocated / 1e6 / cases.size());
    }

    private static void scaling() {
        DiagnosisWindow large = new SyntheticCausalData(SCALE_SERVICES, SCALE_MAX_EFFECTS, MetricType.AUTOMAP_TYPES,
                new Random(SCALE_SEED)).window(SCALE_SAMPLES, SCALE_SERVICES - 1, 4, new Random(SCALE_SEED));
        for (String name : List.of("automap", RootCauseMethods.DEFAULT)) {
            RootCauseMethod method = RootCauseMethods.create(name, Map.of());
            long start = System.nanoTime();
            method.rank(large);
            System.out.printf("scaling %-8s %d services x %d metric types x %d samples: %.2f s (%d cores)%n", name,
                    SCALE_SERVICES, large.metricTypes().size(), SCALE_SAMPLES, (System.nanoTime() - start) / 1e9,
                    Runtime.getRuntime().availableProcessors());
        }
    }
}
