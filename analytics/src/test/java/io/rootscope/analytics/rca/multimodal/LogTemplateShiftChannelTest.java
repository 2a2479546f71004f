package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.analytics.logs.LogTemplate;
import io.rootscope.analytics.rca.LogEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two services move one template from 20 % to 40 % of their lines: "quiet" over 20 lines a period, "busy" over 1000. The
 * same Cohen's h, but the quiet service's shift is one a handful of lines makes by chance.
 */
class LogTemplateShiftChannelTest {

    private static final LogTemplate ROUTINE = LogTemplate.of("served request");
    private static final LogTemplate RETRY = LogTemplate.of("retrying request");

    @Test
    void aShiftCountsBeyondItsStandardErrorSoFewLinesMoveLess() {
        List<LogEvent> before = new ArrayList<>();
        List<LogEvent> after = new ArrayList<>();
        for (String service : List.of("quiet", "busy", "steady", "idle")) {
            int lines = service.equals("quiet") ? 20 : 1000;
            int retriesBefore = lines / 5;
            int retriesAfter = service.equals("quiet") || service.equals("busy") ? 2 * lines / 5 : retriesBefore;
            add(before, service, lines, retriesBefore, 0);
            add(after, service, lines, retriesAfter, 60_000);
        }
        LogPeriod normal = new LogPeriod(before);
        LogPeriod anomalous = new LogPeriod(after);
        Set<String> services = Set.of("quiet", "busy", "steady", "idle");

        Map<String, Double> plain = LogTemplateShiftChannel.of(normal, anomalous, services, withShiftErrors(0)).calibrated();
        assertEquals(plain.get("busy"), plain.get("quiet"), 1e-9, "the same shares, the same h: " + plain);

        double h = 2 * Math.asin(Math.sqrt(0.4)) - 2 * Math.asin(Math.sqrt(0.2));
        Map<String, Double> reduced = LogTemplateShiftChannel.of(normal, anomalous, services, withShiftErrors(1)).calibrated();
        assertTrue(reduced.get("busy") > reduced.get("quiet"), reduced.toString());
        // The calibration is linear in the raw scores: differences from steady's keep their ratio.
        double quiet = h - Math.sqrt(1 / 20.0 + 1 / 20.0);
        double busy = h - Math.sqrt(1 / 1000.0 + 1 / 1000.0);
        assertEquals(busy / quiet, (reduced.get("busy") - reduced.get("steady")) / (reduced.get("quiet") - reduced.get("steady")),
                1e-9, reduced.toString());
    }

    @Test
    void aShiftWithinItsStandardErrorCountsNothing() {
        List<LogEvent> before = new ArrayList<>();
        List<LogEvent> after = new ArrayList<>();
        for (String service : List.of("quiet", "steady", "idle")) {
            add(before, service, 5, 1, 0);
            add(after, service, 5, service.equals("quiet") ? 2 : 1, 60_000);
        }
        Map<String, Double> reduced = LogTemplateShiftChannel.of(new LogPeriod(before), new LogPeriod(after),
                Set.of("quiet", "steady", "idle"), withShiftErrors(1)).calibrated();
        assertEquals(0, reduced.get("quiet"), 1e-9, "one line of five moved: h 0.28 against a standard error of 0.63");
    }

    private static MultimodalConfig withShiftErrors(double shiftErrors) {
        MultimodalConfig d = MultimodalConfig.DEFAULTS;
        return new MultimodalConfig(d.quantile(), d.shrink(), d.resolution(), d.metricWeight(), d.norm(), d.calleeShare(),
                d.shiftResolution(), shiftErrors);
    }

    /** {@code lines} lines of the service over a minute from {@code from}, {@code retries} of them the retry template. */
    private static void add(List<LogEvent> events, String service, int lines, int retries, long from) {
        for (int i = 0; i < lines; i++) {
            events.add(new LogEvent(from + i * 60_000L / lines, service, i < retries ? RETRY : ROUTINE, LogSeverity.INFO));
        }
    }
}
