package io.rootscope.analytics.detection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The per-step series of one service's events of new error templates, for {@link NoveltyDetector}: at each step,
 * the events in that step of every error template the service first logged at most {@code noveltyPoints} steps
 * before. Counted per step, not summed since the first event, so a new template that only trickles (a rare error
 * logged for the first time, then again minutes later) stays below the minimum count while a new exception that
 * repeats within a step does not.
 * A template counts as new only once the service has logged for {@code minHistoryPoints} steps before it, so that
 * a service's first lines, or every line after the tenant's start, are not all new. The series covers every step of
 * the service's log history, zeros included, so an open incident always sees its service and can close.
 *
 * @param points   one point per step, at the step's start
 * @param leading  per step with new events, the template with the most of them, to name the incident
 */
public record NewTemplateSeries(List<SeriesPoint> points, Map<Long, String> leading) {

    /** The events of one template on one service, per step start (epoch milliseconds). */
    public record TemplateCounts(String template, SortedMap<Long, Long> countsByStep) {
    }

    public NewTemplateSeries {
        points = List.copyOf(points);
        leading = Map.copyOf(leading);
    }

    /**
     * @param firstStep  the start of the service's first step with any log event
     * @param endMillis  the end of the last complete step (exclusive)
     * @param templates  the error templates the service logged that the tenant had not logged before the read range
     * @throws IllegalArgumentException if a step is not positive or the point counts are negative
     */
    public static NewTemplateSeries build(long firstStep, long endMillis, long stepMillis, List<TemplateCounts> templates,
                                          int noveltyPoints, int minHistoryPoints) {
        if (stepMillis <= 0 || noveltyPoints < 1 || minHistoryPoints < 0) {
            throw new IllegalArgumentException("step, novelty and history must be positive, got " + stepMillis + " ms, "
                    + noveltyPoints + " and " + minHistoryPoints + " points");
        }
        long newFrom = firstStep + minHistoryPoints * stepMillis;
        Map<Long, Long> newEvents = new HashMap<>();
        Map<Long, String> leading = new HashMap<>();
        Map<Long, Long> leadingCount = new HashMap<>();
        for (TemplateCounts template : templates) {
            if (template.countsByStep().isEmpty() || template.countsByStep().firstKey() < newFrom) {
                continue;
            }
            long first = template.countsByStep().firstKey();
            for (Map.Entry<Long, Long> count : template.countsByStep().subMap(first, first + noveltyPoints * stepMillis).entrySet()) {
                long step = count.getKey();
                if (step + stepMillis > endMillis) {
                    break;
                }
                newEvents.merge(step, count.getValue(), Long::sum);
                if (count.getValue() > leadingCount.getOrDefault(step, 0L)) {
                    leadingCount.put(step, count.getValue());
                    leading.put(step, template.template());
                }
            }
        }
        List<SeriesPoint> points = new ArrayList<>();
        for (long step = firstStep; step + stepMillis <= endMillis; step += stepMillis) {
            points.add(new SeriesPoint(step, newEvents.getOrDefault(step, 0L)));
        }
        return new NewTemplateSeries(points, leading);
    }
}
