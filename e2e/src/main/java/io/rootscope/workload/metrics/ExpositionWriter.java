package io.rootscope.workload.metrics;

/**
 * Writes the Prometheus text exposition format 0.0.4. Samples must be written right after their family's
 * header, since the format requires each family's lines to be contiguous.
 */
public final class ExpositionWriter {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(256 * 1024);

    public ExpositionWriter family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    public ExpositionWriter sample(String name, Labels labels, double value) {
        out.append(name).append(labels.render()).append(' ').append(format(value)).append('\n');
        return this;
    }

    public String text() {
        return out.toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
