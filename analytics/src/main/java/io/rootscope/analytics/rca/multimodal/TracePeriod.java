package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.SpanRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the spans of one period (normal or anomalous) say per service: the self time of each operation's spans
 * (duration minus the union of its children's intervals, clipped to the span: a caller does not inherit its callee's
 * latency) and, per cross-service call (caller → callee), the time the caller waited beyond the callee's own span (the
 * network and queueing time of the call). A span whose only child runs in another service is the client span of that
 * call: its uncovered time is the call's, not its service's own work; a span naming a peer that sends no spans (a
 * database, a message broker) and none of whose children ran on that peer is a call to the peer, all of its time the
 * call's, whatever children it has (a producer's consumer runs in a third service). Children are linked by parent id inside a trace,
 * never by timestamps across hosts. A span whose parent is missing counts as a root and is counted in {@link #orphans}.
 * A failed span none of whose children failed is where a failure started; its callers' failed spans only relay it.
 */
final class TracePeriod {

    /** A caller → callee pair of services. */
    record Call(String caller, String callee) {
    }

    /** Self times (µs) per service, then operation; and the trace of the slowest span of each operation. */
    final Map<String, Map<String, Samples>> selfTimes = new TreeMap<>();
    /** Waiting time (µs) of the caller beyond the callee's span, per call. */
    final Map<Call, Samples> callGaps = new TreeMap<>((a, b) -> a.caller.equals(b.caller)
            ? a.callee.compareTo(b.callee) : a.caller.compareTo(b.caller));
    /** Spans per service, and those that failed on their own (marked failed, no failed child: not a propagated error). */
    final Map<String, Integer> spanCounts = new TreeMap<>();
    final Map<String, Samples> ownFailures = new TreeMap<>();
    /** Failed spans per service that have a failed child: failures relayed from a callee (or a deeper own span). */
    final Map<String, Integer> relayedFailures = new TreeMap<>();
    /** Services owning root spans: where requests enter. */
    final Map<String, Integer> entries = new TreeMap<>();
    int orphans;
    final double seconds;

    TracePeriod(List<SpanRecord> spans) {
        Map<SpanKey, SpanRecord> byId = new HashMap<>(spans.size() * 2);
        Map<SpanKey, List<SpanRecord>> children = new HashMap<>();
        for (SpanRecord span : spans) {
            byId.put(key(span.traceId(), span.spanId()), span);
        }
        seconds = PeriodLength.seconds(spans.stream().mapToLong(s -> s.startMicros() / 1000).toArray());
        for (SpanRecord span : spans) {
            SpanRecord parent = span.parentSpanId() == null ? null : byId.get(key(span.traceId(), span.parentSpanId()));
            if (parent == null) {
                if (span.parentSpanId() != null) {
                    orphans++;
                }
                entries.merge(span.service(), 1, Integer::sum);
                continue;
            }
            children.computeIfAbsent(key(parent.traceId(), parent.spanId()), k -> new ArrayList<>()).add(span);
        }
        for (SpanRecord span : spans) {
            List<SpanRecord> own = children.getOrDefault(key(span.traceId(), span.spanId()), List.of());
            // A call to a peer that sends no spans (or did not answer) is the peer's span as far as we know. Counting
            // only childless calls would count a broker's successful messages (their consumer is a child) out and its
            // failed ones (never consumed) in: a share of failures near 100 % on a single failure.
            boolean toSilentPeer = span.peerService() != null
                    && own.stream().noneMatch(child -> child.service().equals(span.peerService()));
            String ranOn = toSilentPeer ? span.peerService() : span.service();
            spanCounts.merge(ranOn, 1, Integer::sum);
            if (span.error() && own.stream().noneMatch(SpanRecord::error)) {
                ownFailures.computeIfAbsent(ranOn, s -> new Samples()).add(1, span.traceId());
            } else if (span.error()) {
                relayedFailures.merge(ranOn, 1, Integer::sum);
            }
            if (toSilentPeer) {
                // A call to a peer that sends no spans (a database): all of its time is the peer's and the way there.
                callGaps.computeIfAbsent(new Call(span.service(), span.peerService()), c -> new Samples())
                        .add(span.durationMicros(), span.traceId());
                continue;
            }
            if (own.size() == 1 && !own.get(0).service().equals(span.service())) {
                // A client span: what it does not cover of its one remote child is the call's network and queueing
                // time, not the service's own work.
                SpanRecord callee = own.get(0);
                callGaps.computeIfAbsent(new Call(span.service(), callee.service()), c -> new Samples())
                        .add(Math.max(0, span.durationMicros() - callee.durationMicros()), span.traceId());
                continue;
            }
            long self = span.durationMicros() - covered(span, own);
            selfTimes.computeIfAbsent(span.service(), s -> new TreeMap<>())
                    .computeIfAbsent(span.operation(), o -> new Samples())
                    .add(Math.max(0, self), span.traceId());
        }
    }

    /**
     * The share of a service's failures that started in it rather than in a callee: (own + 1) / (own + relayed + 1)
     * of its failed spans, 1 for a service none of whose spans failed (or a source without a span status).
     */
    double ownFailureShare(String service) {
        Samples own = ownFailures.get(service);
        int started = own == null ? 0 : own.size();
        return (started + 1.0) / (started + relayedFailures.getOrDefault(service, 0) + 1.0);
    }

    /** Microseconds of the span covered by the union of its children's intervals. */
    private static long covered(SpanRecord span, List<SpanRecord> children) {
        if (children.isEmpty()) {
            return 0;
        }
        long[][] intervals = new long[children.size()][];
        for (int i = 0; i < intervals.length; i++) {
            SpanRecord child = children.get(i);
            intervals[i] = new long[]{Math.max(span.startMicros(), child.startMicros()),
                    Math.min(span.endMicros(), child.endMicros())};
        }
        Arrays.sort(intervals, (a, b) -> Long.compare(a[0], b[0]));
        long total = 0;
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        for (long[] interval : intervals) {
            if (interval[1] <= interval[0]) {
                continue;
            }
            if (interval[0] > end) {
                total += Math.max(0, end - start);
                start = interval[0];
                end = interval[1];
            } else {
                end = Math.max(end, interval[1]);
            }
        }
        return total + Math.max(0, end - start);
    }

    private static SpanKey key(String traceId, String spanId) {
        return new SpanKey(traceId, spanId);
    }

    /** A span's identity: span ids are unique within their trace only. */
    private record SpanKey(String traceId, String spanId) {
    }

    /** The values of one feature in one period, with the trace of its largest value as an example. */
    static final class Samples {
        private double[] values = new double[8];
        private int size;
        private double largest = Double.NEGATIVE_INFINITY;
        private String largestTrace;
        private double[] sorted;

        void add(double value, String traceId) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
            sorted = null;
            if (value > largest) {
                largest = value;
                largestTrace = traceId;
            }
        }

        int size() {
            return size;
        }

        String largestTrace() {
            return largestTrace;
        }

        /** The q-quantile (0..1), linear between order statistics. */
        double quantile(double q) {
            if (sorted == null) {
                sorted = Arrays.copyOf(values, size);
                Arrays.sort(sorted);
            }
            double position = q * (size - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, size - 1);
            return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        }

        /** The median of all values of several samples; 0 when there are none. */
        static double medianOfAll(Collection<Samples> samples) {
            Samples all = new Samples();
            samples.forEach(s -> {
                for (int i = 0; i < s.size; i++) {
                    all.add(s.values[i], null);
                }
            });
            return all.size == 0 ? 0 : all.quantile(0.5);
        }
    }
}
