package io.rootscope.backend.etl.parse;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OpenTelemetry's names in Prometheus's data model, as the specification "Prometheus and OpenMetrics Compatibility"
 * (section "OTLP Metric points to Prometheus") and the Collector's translator write them: invalid characters become
 * {@code _} and runs of {@code _} one; the unit, in full words, is a suffix of the metric name unless the name holds it
 * already ({@code s} → {@code _seconds}, {@code By/s} → {@code _bytes_per_second}, {@code 1} → {@code _ratio} on
 * gauges, {@code {request}} → nothing); numbers of {@code le} and {@code quantile} labels in plain decimal.
 * Stateless.
 */
final class PrometheusNames {

    /** The unit's abbreviations the Collector's translator spells out; another unit is kept as it is. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"), Map.entry("s", "seconds"),
            Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"),
            Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
            Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tibibytes"), Map.entry("KBy", "kilobytes"),
            Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"), Map.entry("TBy", "terabytes"),
            Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"), Map.entry("J", "joules"),
            Map.entry("W", "watts"), Map.entry("g", "grams"), Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"),
            Map.entry("%", "percent"), Map.entry("1", ""));
    /** The denominators of a {@code foo/bar} unit, singular: {@code _per_second}. */
    private static final Map<String, String> PER_UNITS = Map.of("s", "second", "m", "minute", "h", "hour", "d", "day",
            "w", "week", "mo", "month", "y", "year");
    /** Annotations in curly braces ({@code {packet}}): a count of something is unitless in Prometheus. */
    private static final Pattern ANNOTATIONS = Pattern.compile("\\{[^}]*}");
    private static final String TOTAL = "_total";

    private PrometheusNames() {
    }

    /**
     * The Prometheus metric name of an OTLP metric: its name with invalid characters replaced, then the unit suffix,
     * then {@code _total} for a counter; empty when nothing of the name is left.
     */
    static String metricName(String otlpName, String unit, boolean gauge, boolean counter) {
        String name = sanitized(otlpName, true);
        if (name.isEmpty() || name.equals("_")) {
            return "";
        }
        if (Character.isDigit(name.charAt(0))) {
            name = "_" + name;
        }
        for (String suffix : unitSuffixes(unit, gauge)) {
            if (!("_" + name + "_").contains("_" + suffix + "_")) {
                name = name + "_" + suffix;
            }
        }
        return counter && !name.endsWith(TOTAL) ? name + TOTAL : name;
    }

    /** A label name for an attribute key: invalid characters replaced, a leading digit prefixed {@code key_}. */
    static String labelName(String key) {
        String name = sanitized(key, false);
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            return "key_" + name;
        }
        return name;
    }

    /** A bucket bound or quantile as Prometheus labels write it: {@code 0.005}, {@code 1000}, {@code +Inf}. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** The unit's suffixes in order: the unit in full words, then {@code per_<denominator>}; none for a count. */
    private static String[] unitSuffixes(String unit, boolean gauge) {
        String bare = ANNOTATIONS.matcher(unit).replaceAll("").trim();
        if (bare.isEmpty()) {
            return new String[0];
        }
        if (bare.equals("1")) {
            return gauge ? new String[] {"ratio"} : new String[0];
        }
        int slash = bare.indexOf('/');
        String main = word(slash < 0 ? bare : bare.substring(0, slash), UNITS);
        String per = slash < 0 ? "" : word(bare.substring(slash + 1), PER_UNITS);
        if (per.isEmpty()) {
            return main.isEmpty() ? new String[0] : new String[] {main};
        }
        return main.isEmpty() ? new String[] {"per_" + per} : new String[] {main, "per_" + per};
    }

    /**
     * {@code text} with each character outside {@code [a-zA-Z0-9_]} (and {@code :} in metric names) replaced by {@code _},
     * and each run of {@code _} made one. A loop, not regular expressions: it runs for every key of every data point.
     */
    private static String sanitized(String text, boolean colon) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean valid = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' && colon;
            char kept = valid ? c : '_';
            if (kept != '_' || out.isEmpty() || out.charAt(out.length() - 1) != '_') {
                out.append(kept);
            }
        }
        return out.toString();
    }

    /** A unit in words, or the unit itself with invalid characters replaced; empty when none is left. */
    private static String word(String unit, Map<String, String> words) {
        String trimmed = unit.trim();
        String word = words.getOrDefault(trimmed, trimmed);
        String clean = sanitized(word, false);
        return clean.replaceAll("^_|_$", "");
    }
}
