package io.rootscope.backend.etl.pushed;

import io.rootscope.backend.etl.write.ObservedResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link DerivationRule} over one window's steps: each resource's value at each step (NaN where it has none), and
 * the samples of matching series that named no resource (rejected).
 */
final class RuleEvaluation {

    private final DerivationRule rule;
    private final long[] steps;
    private final long rateMillis;
    private final long lookbackMillis;
    private final String defaultNamespace;
    private long rejected;

    RuleEvaluation(DerivationRule rule, long[] steps, long rateMillis, long lookbackMillis, String defaultNamespace) {
        this.rule = rule;
        this.steps = steps;
        this.rateMillis = rateMillis;
        this.lookbackMillis = lookbackMillis;
        this.defaultNamespace = defaultNamespace;
    }

    long rejected() {
        return rejected;
    }

    Map<ObservedResource, double[]> evaluate(Map<String, List<PushedSeriesData>> series) {
        Map<ObservedResource, Aggregation> numerator = aggregate(rule.numerator(), series);
        Map<ObservedResource, double[]> values = new LinkedHashMap<>();
        if (rule.denominator().isEmpty()) {
            numerator.forEach((resource, aggregation) -> values.put(resource, finish(aggregation.values(rule.aggregate()), null)));
            return values;
        }
        Map<ObservedResource, Aggregation> denominator = aggregate(rule.denominator(), series);
        denominator.forEach((resource, aggregation) -> {
            Aggregation top = numerator.get(resource);
            double[] above = top == null ? new double[steps.length] : top.valuesOrZero(rule.aggregate());
            values.put(resource, finish(above, aggregation.values(rule.aggregate())));
        });
        return values;
    }

    private double[] finish(double[] numerator, double[] denominator) {
        double[] result = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            double value = denominator == null ? numerator[i] : numerator[i] / denominator[i];
            value *= rule.scale();
            result[i] = rule.oneMinus() ? 1 - value : value;
        }
        return result;
    }

    private Map<ObservedResource, Aggregation> aggregate(List<SeriesSelector> selectors, Map<String, List<PushedSeriesData>> series) {
        Map<ObservedResource, Aggregation> byResource = new LinkedHashMap<>();
        for (SeriesSelector selector : selectors) {
            for (PushedSeriesData data : series.getOrDefault(selector.name(), List.of())) {
                if (!selector.matches(data.labels())) {
                    continue;
                }
                Optional<ObservedResource> resource = rule.resource().of(data.labels(), defaultNamespace);
                if (resource.isEmpty()) {
                    rejected += data.count();
                    continue;
                }
                Aggregation aggregation = byResource.computeIfAbsent(resource.get(), r -> new Aggregation(steps.length));
                for (int i = 0; i < steps.length; i++) {
                    aggregation.add(i, valueAt(data, steps[i]));
                }
            }
        }
        return byResource;
    }

    private double valueAt(PushedSeriesData data, long at) {
        return rule.function() == DerivationRule.Function.RATE
                ? SeriesFunctions.rate(data.times(), data.values(), data.count(), at, rateMillis)
                : SeriesFunctions.last(data.times(), data.values(), data.count(), at, lookbackMillis);
    }

    /** The sum and count of the series' finite values at each step. */
    private static final class Aggregation {

        private final double[] sum;
        private final int[] count;

        Aggregation(int steps) {
            sum = new double[steps];
            count = new int[steps];
        }

        void add(int step, double value) {
            if (Double.isFinite(value)) {
                sum[step] += value;
                count[step]++;
            }
        }

        /** NaN at a step no series had a value at. */
        double[] values(DerivationRule.Aggregate aggregate) {
            double[] values = new double[sum.length];
            for (int i = 0; i < sum.length; i++) {
                values[i] = count[i] == 0 ? Double.NaN : aggregate == DerivationRule.Aggregate.AVG ? sum[i] / count[i] : sum[i];
            }
            return values;
        }

        /** A numerator whose series exist but have no value at a step counts zero there. */
        double[] valuesOrZero(DerivationRule.Aggregate aggregate) {
            double[] values = values(aggregate);
            for (int i = 0; i < values.length; i++) {
                values[i] = Double.isNaN(values[i]) ? 0 : values[i];
            }
            return values;
        }
    }
}
