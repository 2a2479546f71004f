package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MetricType;
import io.rootscope.analytics.rca.RootCauseMethod;
import io.rootscope.analytics.rca.methods.RootCauseMethods;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The figures of the issue, printed (not asserted): every method's AC@1, AC@3, Avg@5 and p50/p95 diagnosis time
 * overall and per fault type on a dataset (default {@code sockshop-rcd} beside the repository; each method first
 * diagnoses a few cases unmeasured, to warm the JIT), then the time of one
 * diagnosis of a synthetic window of {@value #SCALE_SERVICES} services × 7 metric types × {@value #SCALE_SAMPLES}
 * samples. Usage: {@code RcaBenchmark [DATASET_DIR]}.
 */
public final class RcaBenchmark {

    public static final String DATASET_DEFAULT = "sockshop-rcd";
    static final int SCALE_SERVICES = 500;
    static final int SCALE_SAMPLES = 120;
    private static final int SCALE_MAX_EFFECTS = 3;
    private static final long SCALE_SEED = 7;
    private static final int WARM_UP_CASES = 5;

    private RcaBenchmark() {
    }

    public static void main(String[] args) {
        Path dataset = args.length > 0 ? Path.of(args[0]) : DatasetLocator.find(DATASET_DEFAULT).orElse(null);
        if (dataset == null) {
            System.err.println("benchmark: dataset " + DATASET_DEFAULT + " not found beside the repository; "
                    + "give its directory as argument");
            System.exit(2);
        }
        List<FaultCase> cases = new CaseDirectoryReader().readAll(List.of(dataset));
        System.out.println("dataset " + dataset + ": " + cases.size() + " cases");
        List<Evaluation> evaluations = new ArrayList<>();
        for (String name : RootCauseMethods.names()) {
            if (!name.equals(RootCauseMethods.DEFAULT)) {
                // A throw-away instance warms the JIT so the times are those of a running backend.
                RootCauseMethod warmUp = RootCauseMethods.create(name, Map.of());
                cases.stream().limit(WARM_UP_CASES).forEach(c -> warmUp.rank(c.window()));
                evaluations.add(Evaluation.run(RootCauseMethods.create(name, Map.of()), cases));
            }
        }
        System.out.print(Evaluation.table(evaluations));
        System.out.println("default method = " + RootCauseMethods.create(RootCauseMethods.DEFAULT, Map.of()).name());

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
