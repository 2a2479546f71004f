package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.rca.MetricNameMapping;
import io.rootscope.analytics.rca.RootCauseMethod;
import io.rootscope.analytics.rca.methods.RootCauseMethods;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line: {@code eval [--method NAME|all] [--param key=value ...] [--metric-mapping RULES] [--without KIND ...]
 * [--online] [--per-case] CASE_DIR_OR_PARENT...}. Reads the cases, runs the method(s) and prints AC@1, AC@3, Avg@5 and diagnosis
 * time, overall and per fault type ({@code --per-case} adds one line per case). Without {@code --online} nothing is
 * learned; with it each case's true root cause is confirmed to the method right after its diagnosis, as an operator
 * would ({@link Evaluation#online}). {@code RULES} replaces the metric-name
 * mapping ({@link MetricNameMapping#parse}). {@code --without metrics|logs|spans} reads the cases without that kind of
 * telemetry ({@link Telemetry}), as a system that does not record it; the methods are then named with the kinds left
 * out ({@code multimodal without logs}). A usage error (unknown method or parameter, missing directory) prints a
 * message on stderr and exits with status 2.
 */
public final class EvaluationCli {

    public static final String USAGE = "usage: eval [--method NAME|all] [--param key=value ...] "
            + "[--metric-mapping TYPE=REGEX;...] [--without metrics|logs|spans ...] [--online] [--per-case] "
            + "CASE_DIR_OR_PARENT...\n  methods: " + String.join(", ", RootCauseMethods.names())
            + " (all = every method but default)";

    private EvaluationCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status (0 ok, 2 usage error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Arguments a = Arguments.parse(args);
            List<FaultCase> cases = new CaseDirectoryReader(a.mapping(), a.telemetry()).readAll(a.dirs());
            reportRejectedRows(cases, err);
            List<RootCauseMethod> methods = new ArrayList<>();
            for (String name : a.methods()) {
                methods.add(RootCauseMethods.create(name, a.parameters()));
            }
            List<Evaluation> evaluations = new ArrayList<>();
            for (RootCauseMethod method : methods) {
                Evaluation evaluation = a.online() ? Evaluation.online(method, cases) : Evaluation.run(method, cases);
                evaluation = evaluation.named(evaluation.method() + Telemetry.withoutLabel(a.telemetry()));
                evaluations.add(evaluation);
                if (a.perCase()) {
                    out.print(evaluation.perCaseTable());
                }
            }
            out.print(Evaluation.table(evaluations));
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("eval: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    /** Rows the reader could not use are counted per case, the first one shown: never dropped unseen. */
    private static void reportRejectedRows(List<FaultCase> cases, PrintStream err) {
        for (FaultCase c : cases) {
            if (!c.rejected().isEmpty()) {
                err.println("eval: case " + c.id() + ": " + c.rejected().size() + " rows rejected, the first: "
                        + c.rejected().get(0));
            }
        }
    }

    private record Arguments(List<String> methods, Map<String, String> parameters, MetricNameMapping mapping,
                             Set<Telemetry> telemetry, boolean online, boolean perCase, List<Path> dirs) {

        static Arguments parse(String[] args) {
            String method = RootCauseMethods.DEFAULT;
            Map<String, String> parameters = new LinkedHashMap<>();
            MetricNameMapping mapping = MetricNameMapping.defaults();
            Set<Telemetry> telemetry = EnumSet.allOf(Telemetry.class);
            boolean online = false;
            boolean perCase = false;
            List<Path> dirs = new ArrayList<>();
            int i = args.length > 0 && args[0].equals("eval") ? 1 : 0;
            for (; i < args.length; i++) {
                switch (args[i]) {
                    case "--method" -> method = value(args, ++i, "--method");
                    case "--param" -> {
                        String kv = value(args, ++i, "--param");
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--param needs key=value, got '" + kv + "'");
                        }
                        parameters.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    case "--metric-mapping" -> mapping = MetricNameMapping.parse(value(args, ++i, "--metric-mapping"));
                    case "--without" -> telemetry.remove(Telemetry.parse(value(args, ++i, "--without")));
                    case "--online" -> online = true;
                    case "--per-case" -> perCase = true;
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        dirs.add(Path.of(args[i]));
                    }
                }
            }
            if (dirs.isEmpty()) {
                throw new IllegalArgumentException("no case directory given");
            }
            List<String> methods = method.equals("all")
                    ? RootCauseMethods.names().stream().filter(n -> !n.equals(RootCauseMethods.DEFAULT)).toList()
                    : List.of(method);
            if (methods.size() > 1 && !parameters.isEmpty()) {
                throw new IllegalArgumentException("--param applies to a single method, not to --method all");
            }
            if (telemetry.isEmpty()) {
                throw new IllegalArgumentException("--without leaves no telemetry to diagnose from");
            }
            return new Arguments(methods, parameters, mapping, telemetry, online, perCase, dirs);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
