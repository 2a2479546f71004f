package io.rootscope.analytics.evaluation;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kinds of telemetry a case directory may hold. Reading a case without some of them ({@code eval --without})
 * shows what a method makes of a system that has, say, traces but no logs, as many real ones do.
 */
public enum Telemetry {
    METRICS, LOGS, SPANS;

    public static final Set<Telemetry> ALL = Set.copyOf(EnumSet.allOf(Telemetry.class));

    /** The lower-case name used on the command line and in table labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** " without logs, spans" for the kinds not in {@code kept}, to follow a method's name; empty when none is left out. */
    public static String withoutLabel(Set<Telemetry> kept) {
        List<String> without = Arrays.stream(values()).filter(t -> !kept.contains(t)).map(Telemetry::label).toList();
        return without.isEmpty() ? "" : " without " + String.join(", ", without);
    }

    /** @throws IllegalArgumentException naming the accepted values when {@code name} is none of them */
    public static Telemetry parse(String name) {
        return Arrays.stream(values()).filter(t -> t.label().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown telemetry '" + name + "', expected one of "
                        + Arrays.stream(values()).map(Telemetry::label).collect(Collectors.joining(", "))));
    }
}
