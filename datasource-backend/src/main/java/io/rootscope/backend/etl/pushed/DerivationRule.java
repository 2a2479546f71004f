package io.rootscope.backend.etl.pushed;

import java.util.List;

/**
 * How one AutoMAP metric type is computed from pushed series, per resource at each step: every series matching
 * {@code numerator} gives its {@link Function} value at the step, aggregated ({@code sum} or {@code avg}) over the
 * series of a resource; with a {@code denominator}, the same for it and the quotient (a resource whose denominator
 * has a value but no numerator series counts zero: no error requests is an error ratio of 0); times {@code scale}
 * (a unit: OpenTelemetry's seconds into the milliseconds of Istio's latency); with {@code oneMinus}, one minus that. The forms: a gauge's sum or average, the rate of counters, a ratio of two rates (a histogram's mean is
 * rate(_sum) / rate(_count); an error ratio is the rate of the requests with an error status over all), and 1 - ratio.
 *
 * @param metric the AutoMAP metric written to {@code metric_sample}; several rules of one metric are tried in order, the
 *               first with a value for a resource at a step giving it (PromQL's {@code or})
 */
public record DerivationRule(String metric, Function function, Aggregate aggregate, List<SeriesSelector> numerator,
                             List<SeriesSelector> denominator, double scale, boolean oneMinus, RuleResource resource) {

    /** A series' value at a step: its last sample within the lookback, or its per-second rate over the rate window. */
    public enum Function { GAUGE, RATE }

    public enum Aggregate { SUM, AVG }

    public DerivationRule {
        if (metric == null || !metric.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("metric must be a lower-case identifier, got '" + metric + "'");
        }
        if (function == null || aggregate == null || resource == null) {
            throw new IllegalArgumentException(metric + ": function, aggregate and resource must be set");
        }
        if (numerator == null || numerator.isEmpty()) {
            throw new IllegalArgumentException(metric + ": numerator needs at least one series selector");
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException(metric + ": scale must be a finite number other than 0, got " + scale);
        }
        numerator = List.copyOf(numerator);
        denominator = denominator == null ? List.of() : List.copyOf(denominator);
    }

    /** Every series name the rule reads. */
    public List<String> sourceNames() {
        return java.util.stream.Stream.concat(numerator.stream(), denominator.stream()).map(SeriesSelector::name).distinct().toList();
    }
}
