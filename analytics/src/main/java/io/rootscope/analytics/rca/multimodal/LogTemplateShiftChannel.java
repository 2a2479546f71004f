package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.logs.LogTemplate;
import io.rootscope.analytics.rca.EvidenceItem;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Log template shift: the template of a service whose share of the service's lines changed most, by Cohen's h (the
 * difference of the shares' arcsine roots), less {@link MultimodalConfig#shiftErrors} of its standard error
 * {@code sqrt(1/n1 + 1/n2)} (Cohen, Statistical Power Analysis, 1988, ch. 6: the arcsine root stabilises a share's
 * variance at 1/(4n)). A method that throws stops the lines after the throw and a wrong return value switches
 * branches, so a template common before vanishes, or a rare one takes over, at any severity. Shares, not rates: a
 * change of the workload moves all of a service's templates together. Services with fewer than
 * {@value #MIN_LINES} lines in either period are not judged.
 */
final class LogTemplateShiftChannel {

    static final String NAME = "log_template_shift";
    static final int MIN_LINES = 5;

    private LogTemplateShiftChannel() {
    }

    /** @param config the smallest meaningful shift and the standard errors it must exceed */
    static Channel of(LogPeriod normal, LogPeriod anomalous, Set<String> services, MultimodalConfig config) {
        Channel channel = new Channel(NAME, config.shiftResolution());
        for (String service : services) {
            Map<LogTemplate, Integer> before = normal.templates.getOrDefault(service, Map.of());
            Map<LogTemplate, Integer> after = anomalous.templates.getOrDefault(service, Map.of());
            int total = before.values().stream().mapToInt(Integer::intValue).sum();
            int totalAfter = after.values().stream().mapToInt(Integer::intValue).sum();
            if (total < MIN_LINES || totalAfter < MIN_LINES) {
                continue;
            }
            Set<LogTemplate> all = new HashSet<>(before.keySet());
            all.addAll(after.keySet());
            double strongest = 0;
            LogTemplate shifted = null;
            for (LogTemplate template : all) {
                int was = before.getOrDefault(template, 0);
                int is = after.getOrDefault(template, 0);
                // Cohen's h: the difference of arcsine-root shares, whose scale does not grow with the volume.
                double z = 2 * Math.asin(Math.sqrt((double) is / totalAfter))
                        - 2 * Math.asin(Math.sqrt((double) was / total));
                if (Math.abs(z) > Math.abs(strongest)
                        || Math.abs(z) == Math.abs(strongest) && shifted != null && template.text().compareTo(shifted.text()) < 0) {
                    strongest = z;
                    shifted = template;
                }
            }
            double standardError = Math.sqrt(1.0 / total + 1.0 / totalAfter);
            channel.score(service, Math.max(0, Math.abs(strongest) - config.shiftErrors() * standardError));
            if (shifted != null) {
                int was = before.getOrDefault(shifted, 0);
                int is = after.getOrDefault(shifted, 0);
                String change = was == 0 ? "new" : is == 0 ? "gone" : strongest < 0 ? "rarer" : "more frequent";
                channel.finding(new EvidenceItem(service, EvidenceItem.Kind.LOG_TEMPLATE, shifted.text(),
                        String.format("%s: %.0f%% → %.0f%% of the service's lines (%.1f/min → %.1f/min)", change,
                                100.0 * was / total, 100.0 * is / totalAfter, 60 * was / normal.seconds,
                                60 * is / anomalous.seconds),
                        Math.abs(strongest), List.of()));
            }
        }
        return channel;
    }
}
