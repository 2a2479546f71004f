package io.rootscope.analytics.detection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SLO rule in the manner of a Prometheus alerting rule: a metric violates it while {@code value <op>
 * threshold} holds, and an incident is due once that has lasted {@code forDuration} (which the
 * {@link DetectionRule#slo rule built from it} enforces through its {@link Hysteresis}). Written as text:
 * {@code cpu > 0.9 for 5m}, {@code error_rate > 0.05 for 1m}, {@code p95(latency) > 0.5 for 2m}.
 * Every point gets a verdict; the score is the relative margin (value − threshold) / |threshold|.
 */
public record ThresholdRule(MetricSelector selector, Comparison comparison, double threshold, Duration forDuration)
        implements AnomalyDetector {

    private static final Pattern TEXT = Pattern.compile(
            "\\s*(?:(?<stat>[a-zA-Z0-9]+)\\((?<wrapped>[^()\\s]+)\\)|(?<bare>[a-zA-Z_:][\\w:.]*))"
                    + "\\s*(?<op>>=|<=|>|<)\\s*(?<threshold>[-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)"
                    + "(?:\\s+for\\s+(?<for>[0-9]+)(?<unit>ms|s|m|h))?\\s*");
    /** Keeps the relative margin finite for a zero threshold. */
    private static final double SMALLEST_THRESHOLD_MAGNITUDE = 1e-9;

    public ThresholdRule {
        if (selector == null || comparison == null) {
            throw new IllegalArgumentException("threshold rule needs a metric and a comparison");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        if (forDuration == null || forDuration.isNegative()) {
            throw new IllegalArgumentException("for-duration must be zero or positive, got " + forDuration);
        }
    }

    /**
     * Parses {@code [stat(]metric[)] op threshold [for N(ms|s|m|h)]}.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static ThresholdRule parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("malformed threshold rule '" + text
                    + "': expected e.g. 'cpu > 0.9 for 5m' or 'p95(latency) > 0.5 for 1m'");
        }
        MetricSelector selector = m.group("bare") != null ? MetricSelector.avg(m.group("bare"))
                : new MetricSelector(m.group("wrapped"), Statistic.ofName(m.group("stat")));
        Duration forDuration = m.group("for") == null ? Duration.ZERO : duration(Long.parseLong(m.group("for")), m.group("unit"));
        return new ThresholdRule(selector, Comparison.ofSymbol(m.group("op")), Double.parseDouble(m.group("threshold")),
                forDuration);
    }

    private static Duration duration(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    @Override
    public List<Verdict> detect(List<SeriesPoint> series) {
        List<Verdict> verdicts = new ArrayList<>(series.size());
        double magnitude = Math.max(Math.abs(threshold), SMALLEST_THRESHOLD_MAGNITUDE);
        long previous = Long.MIN_VALUE;
        for (SeriesPoint point : series) {
            previous = BaselineScan.requireAscending(previous, point);
            verdicts.add(new Verdict(point.epochMillis(), point.value(), (point.value() - threshold) / magnitude,
                    comparison.holds(point.value(), threshold)));
        }
        return verdicts;
    }

    @Override
    public Duration history() {
        return Duration.ZERO;
    }

    @Override
    public String toString() {
        return selector + " " + comparison.symbol() + " " + threshold
                + (forDuration.isZero() ? "" : " for " + forDuration.toSeconds() + "s");
    }
}
