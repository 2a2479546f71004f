package io.rootscope.backend.rca;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What an incident's diagnosis compares its anomaly with: the lookback before the anomaly start, without the time of the
 * tenant's earlier incidents. A fault shortly before (or the first alarm of the same outage, closed since) would otherwise be
 * part of "normal": its error lines stop in the anomaly, which then looks like a change of the services that logged them.
 * The period reaches back past excluded time so it still holds a lookback's worth of data, but no further than
 * {@value #REACH} lookbacks; when less than half a lookback is left clean there (a tenant in incident most of the time), the
 * plain lookback is kept rather than a baseline of a few minutes.
 *
 * @param from     where the window's normal period begins
 * @param excluded the earlier incidents' times inside [from, anomaly start), ordered and disjoint
 */
public record NormalPeriod(Instant from, List<TimeRange> excluded) {

    /** How many lookbacks before the anomaly start the normal period may reach. */
    static final int REACH = 3;

    /** A half-open range of time [from, to). */
    public record TimeRange(Instant from, Instant to) {

        public TimeRange {
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("a time range must end after it starts: " + from + " - " + to);
            }
        }

        /** As stored ({@code rca_run.normal_excluded}) and shown (the rca panel's meta): ISO-8601 instants. */
        public Map<String, String> asJson() {
            return Map.of("from", from.toString(), "to", to.toString());
        }

        /** Read back from its {@link #asJson} form. */
        static TimeRange fromJson(JsonNode json) {
            return new TimeRange(Instant.parse(json.path("from").asText()), Instant.parse(json.path("to").asText()));
        }

        boolean contains(long epochMillis) {
            return epochMillis >= from.toEpochMilli() && epochMillis < to.toEpochMilli();
        }
    }

    public NormalPeriod {
        excluded = List.copyOf(excluded);
    }

    /** The lookback before {@code start}, nothing excluded. */
    public static NormalPeriod plain(Instant start, Duration lookback) {
        return new NormalPeriod(start.minus(lookback), List.of());
    }

    /**
     * @param earlier the times of the tenant's earlier incidents (closed before {@code start}), in any order, overlapping
     *                or not
     */
    public static NormalPeriod choose(Instant start, Duration lookback, List<TimeRange> earlier) {
        Instant limit = start.minus(lookback.multipliedBy(REACH));
        List<TimeRange> merged = merged(earlier, limit, start);
        // Walk back from the anomaly start, incident by incident (latest first), over the clean time between them.
        Duration clean = Duration.ZERO;
        Instant cursor = start;
        List<TimeRange> inside = new ArrayList<>();
        for (int i = merged.size() - 1; ; i--) {
            TimeRange incident = i >= 0 ? merged.get(i) : null;
            Instant gapStart = incident == null ? limit : incident.to();
            Duration needed = lookback.minus(clean);
            if (Duration.between(gapStart, cursor).compareTo(needed) >= 0) {
                return new NormalPeriod(cursor.minus(needed), inside);
            }
            clean = clean.plus(Duration.between(gapStart, cursor));
            if (incident == null || !incident.from().isAfter(limit)) {
                // The reach ends here: at its limit, or in an incident that began before it.
                return clean.compareTo(lookback.dividedBy(2)) < 0 ? plain(start, lookback) : new NormalPeriod(gapStart, inside);
            }
            inside.add(0, incident);
            cursor = incident.from();
        }
    }

    /** The ranges clipped to [limit, start), ordered and merged where they overlap or touch. */
    private static List<TimeRange> merged(List<TimeRange> ranges, Instant limit, Instant start) {
        List<TimeRange> clipped = ranges.stream()
                .filter(r -> r.to().isAfter(limit) && r.from().isBefore(start))
                .map(r -> new TimeRange(r.from().isBefore(limit) ? limit : r.from(), r.to().isAfter(start) ? start : r.to()))
                .sorted(Comparator.comparing(TimeRange::from))
                .toList();
        List<TimeRange> merged = new ArrayList<>();
        for (TimeRange range : clipped) {
            TimeRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !range.from().isAfter(last.to())) {
                merged.set(merged.size() - 1, new TimeRange(last.from(), range.to().isAfter(last.to()) ? range.to() : last.to()));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    /** Whether a moment falls in excluded time. */
    public boolean excludes(long epochMillis) {
        for (TimeRange range : excluded) {
            if (range.contains(epochMillis)) {
                return true;
            }
        }
        return false;
    }
}
