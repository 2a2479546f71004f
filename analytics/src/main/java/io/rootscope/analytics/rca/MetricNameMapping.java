package io.rootscope.analytics.rca;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Maps a per-service metric name (e.g. {@code lat_90}, {@code cpu}, {@code lod}) to a {@link MetricType}. Rules are
 * tried in order; the index of the first matching rule is the metric's preference, so when several metrics of one
 * service map to one type (p50/p90/p99 latency) the caller keeps the most preferred one. A name no rule matches
 * becomes a type of its own.
 */
public final class MetricNameMapping {

    /** One rule: a whole-name regular expression (case-insensitive) and the type it maps to. */
    public record Rule(Pattern pattern, MetricType type) {
    }

    /** A metric mapped to its type, with the preference (lower is better) of the rule that matched. */
    public record Match(MetricType type, int preference) {
    }

    /**
     * Default rules, as {@link #parse} syntax. Latency prefers p90: p50 hides tail degradations, p99 is noisy
     * on short windows.
     */
    public static final String RULES_DEFAULT = "latency=(lat|latency|rt|response_time)_?p?90;"
            + "latency=(lat|latency|rt|response_time)(_.*)?;"
            + "throughput=(lod|load|thr|throughput|qps|rps|requests?)(_.*)?;"
            + "congestion=(con|congestion)(_.*)?;"
            + "cpu=cpu(_.*)?;"
            + "io=(io|disk|net|network)(_.*)?;"
            + "memory=(mem|memory)(_.*)?;"
            + "availability=(avl|avail|availability|success|success_rate|error|error_rate)(_.*)?";

    private final List<Rule> rules;

    public MetricNameMapping(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The default mapping, {@link #RULES_DEFAULT}. */
    public static MetricNameMapping defaults() {
        return parse(RULES_DEFAULT);
    }

    /**
     * Parses rules written {@code type=regex;type=regex;...}.
     *
     * @throws IllegalArgumentException on a malformed rule or regular expression
     */
    public static MetricNameMapping parse(String spec) {
        List<Rule> rules = new ArrayList<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("metric mapping rule must be type=regex, got '" + part + "'");
            }
            try {
                rules.add(new Rule(Pattern.compile(part.substring(eq + 1).trim(), Pattern.CASE_INSENSITIVE),
                        new MetricType(part.substring(0, eq).trim())));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("bad regular expression in metric mapping rule '" + part + "'", e);
            }
        }
        return new MetricNameMapping(rules);
    }

    /** The type of a metric name; unmatched names get a type of their own with the lowest preference. */
    public Match map(String metric) {
        return find(metric).orElseGet(() -> new Match(new MetricType(metric.toLowerCase(Locale.ROOT)), rules.size()));
    }

    private Optional<Match> find(String metric) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).pattern().matcher(metric).matches()) {
                return Optional.of(new Match(rules.get(i).type(), i));
            }
        }
        return Optional.empty();
    }
}
