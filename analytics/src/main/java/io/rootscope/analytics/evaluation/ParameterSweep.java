package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.rca.methods.RootCauseMethods;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sweeps a method's parameters one at a time around its defaults and prints AC@1, AC@3 and Avg@5 per dataset for each
 * value, so defaults can be taken from the middle of a flat region rather than from a peak. Usage:
 * {@code ParameterSweep METHOD KEY=V1,V2,... [KEY=...] -- DATASET_DIR...}. A program that prints figures, not a test.
 */
public final class ParameterSweep {

    private ParameterSweep() {
    }

    public static void main(String[] args) {
        int separator = List.of(args).indexOf("--");
        if (args.length < 3 || separator < 2 || separator == args.length - 1) {
            System.err.println("usage: ParameterSweep METHOD KEY=V1,V2,... [KEY=...] -- DATASET_DIR...");
            System.exit(2);
        }
        String method = args[0];
        Map<String, List<String>> grid = new LinkedHashMap<>();
        for (int i = 1; i < separator; i++) {
            String[] kv = args[i].split("=", 2);
            grid.put(kv[0], List.of(kv[1].split(",")));
        }
        Map<String, List<FaultCase>> datasets = new LinkedHashMap<>();
        for (int i = separator + 1; i < args.length; i++) {
            Path dir = Path.of(args[i]);
            datasets.put(dir.getFileName().toString(), new CaseDirectoryReader().readAll(List.of(dir)));
        }
        System.out.printf("%-16s %-10s %-24s %6s %6s %6s%n", "parameter", "value", "dataset", "AC@1", "AC@3", "Avg@5");
        for (Map.Entry<String, List<String>> parameter : grid.entrySet()) {
            for (String value : parameter.getValue()) {
                for (Map.Entry<String, List<FaultCase>> dataset : datasets.entrySet()) {
                    Evaluation.Summary s = Evaluation.run(
                            RootCauseMethods.create(method, Map.of(parameter.getKey(), value)), dataset.getValue())
                            .overall();
                    System.out.printf("%-16s %-10s %-24s %6.3f %6.3f %6.3f%n", parameter.getKey(), value,
                            dataset.getKey(), s.ac1(), s.ac3(), s.avg5());
                }
            }
        }
    }
}
