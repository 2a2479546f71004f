package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.RootCauseMethod;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Runs a method over fault cases in order: {@link #run} only diagnoses them; {@link #online} does as an operator who
 * confirms each root cause right after its diagnosis, prequentially: each case is diagnosed first and only then shown
 * its root cause ({@link RootCauseMethod#learn}), so a learning method never sees the answer of the case it diagnoses.
 * Only {@code rank} is timed.
 */
public final class Evaluation {

    /** How many services of each ranking a {@link CaseResult} keeps. */
    public static final int TOP_KEPT = 5;
    /** The suffix of an {@link #online} evaluation's method name. */
    public static final String ONLINE = "online";

    /** Figures of a group of cases. */
    public record Summary(String group, int cases, double ac1, double ac3, double avg5, double p50Millis,
                          double p95Millis) {
    }

    private final String method;
    private final List<CaseResult> results;

    private Evaluation(String method, List<CaseResult> results) {
        this.method = method;
        this.results = List.copyOf(results);
    }

    /** The figures of diagnoses made elsewhere (through the database), in the same table as {@link #run}'s. */
    public static Evaluation of(String method, List<CaseResult> results) {
        return new Evaluation(method, results);
    }

    /** Diagnoses every case with {@code method}, learning nothing. */
    public static Evaluation run(RootCauseMethod method, List<FaultCase> cases) {
        return evaluate(method, cases, false);
    }

    /** Diagnoses every case with {@code method}, then confirms the case's root cause to it; named "METHOD online". */
    public static Evaluation online(RootCauseMethod method, List<FaultCase> cases) {
        return evaluate(method, cases, true);
    }

    private static Evaluation evaluate(RootCauseMethod method, List<FaultCase> cases, boolean learning) {
        List<CaseResult> results = new ArrayList<>();
        for (FaultCase c : cases) {
            long start = System.nanoTime();
            Diagnosis diagnosis = method.rank(c.window());
            double millis = (System.nanoTime() - start) / 1e6;
            List<String> top = diagnosis.ranking().stream().limit(TOP_KEPT).map(RankedService::service).toList();
            results.add(new CaseResult(c.id(), c.faultType(), c.rootCauseService(),
                    diagnosis.rankOf(c.rootCauseService()).orElse(0), millis, top));
            if (learning) {
                method.learn(c.window(), c.rootCauseService());
            }
        }
        return new Evaluation(learning ? method.name() + " " + ONLINE : method.name(), results);
    }

    public String method() {
        return method;
    }

    /** The same figures under another name (the method on a variant of the cases). */
    public Evaluation named(String name) {
        return new Evaluation(name, results);
    }

    /** Figures over all cases. */
    public Summary overall() {
        return summarise("all", results);
    }

    /** Figures per fault type, by type name. */
    public List<Summary> byFaultType() {
        return groupBy(CaseResult::faultType);
    }

    private List<Summary> groupBy(Function<CaseResult, String> key) {
        Map<String, List<CaseResult>> groups = new TreeMap<>();
        results.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return groups.entrySet().stream().map(e -> summarise(e.getKey(), e.getValue())).toList();
    }

    private static Summary summarise(String group, Collection<CaseResult> results) {
        double[] millis = results.stream().mapToDouble(CaseResult::millis).toArray();
        Percentile percentile = new Percentile();
        percentile.setData(millis);
        return new Summary(group, results.size(),
                mean(results, r -> RankingMetrics.accuracyAt(r.rank(), 1)),
                mean(results, r -> RankingMetrics.accuracyAt(r.rank(), 3)),
                mean(results, r -> RankingMetrics.averageAccuracyAt(r.rank(), 5)),
                millis.length == 0 ? Double.NaN : percentile.evaluate(50),
                millis.length == 0 ? Double.NaN : percentile.evaluate(95));
    }

    private static double mean(Collection<CaseResult> results, ToDoubleFunction<CaseResult> f) {
        return results.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** A plain-text table: one row per method and group (all, then each fault type). */
    public static String table(List<Evaluation> evaluations) {
        StringBuilder out = new StringBuilder(String.format("%-30s %-14s %5s %6s %6s %6s %9s %9s%n",
                "method", "faults", "cases", "AC@1", "AC@3", "Avg@5", "p50 ms", "p95 ms"));
        for (Evaluation e : evaluations) {
            List<Summary> rows = new ArrayList<>();
            rows.add(e.overall());
            rows.addAll(e.byFaultType());
            for (Summary s : rows) {
                out.append(String.format("%-30s %-14s %5d %6.3f %6.3f %6.3f %9.1f %9.1f%n", e.method(), s.group(),
                        s.cases(), s.ac1(), s.ac3(), s.avg5(), s.p50Millis(), s.p95Millis()));
            }
        }
        return out.toString();
    }

    /** One line per case: id, rank of the true root cause, time and the top of the ranking. */
    public String perCaseTable() {
        StringBuilder out = new StringBuilder();
        for (CaseResult r : results) {
            out.append(String.format("%-16s %-20s %-12s rank=%-3d %8.1f ms  %s%n", method, r.caseId(), r.rootCause(),
                    r.rank(), r.millis(), r.top()));
        }
        return out.toString();
    }
}
