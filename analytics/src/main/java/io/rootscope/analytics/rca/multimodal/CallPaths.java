package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.SpanRecord;
import io.rootscope.analytics.rca.WalkPath;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The service call graph the spans reveal (caller → callees, from parent/child spans of different services), and the
 * shortest call path from the front-end to a service: how the front-end's symptom reaches its cause. When the
 * front-end has no spans of its own (a UI whose requests enter through a gateway), paths start at the services that
 * own root spans, with the front-end put first.
 */
final class CallPaths {

    private final Map<String, Set<String>> callees = new TreeMap<>();
    private final Map<String, Set<String>> awaited = new TreeMap<>();
    private final Map<String, String> previous = new HashMap<>();
    private final String frontend;

    CallPaths(List<SpanRecord> spans, String frontend) {
        this.frontend = frontend;
        Map<List<String>, SpanRecord> byId = new HashMap<>(spans.size() * 2);
        spans.forEach(s -> byId.put(List.of(s.traceId(), s.spanId()), s));
        Set<String> entries = new TreeSet<>();
        // Per caller → callee edge: its child spans, and those that started once their parent had ended.
        Map<List<String>, int[]> startedAfter = new HashMap<>();
        for (SpanRecord span : spans) {
            SpanRecord parent = span.parentSpanId() == null ? null : byId.get(List.of(span.traceId(), span.parentSpanId()));
            if (parent == null) {
                entries.add(span.service());
            } else if (!parent.service().equals(span.service())) {
                callees.computeIfAbsent(parent.service(), c -> new TreeSet<>()).add(span.service());
                int[] counts = startedAfter.computeIfAbsent(List.of(parent.service(), span.service()), e -> new int[2]);
                counts[0]++;
                counts[1] += span.startMicros() >= parent.endMicros() ? 1 : 0;
            }
            if (span.peerService() != null) {
                callees.computeIfAbsent(span.service(), c -> new TreeSet<>()).add(span.peerService());
                awaited.computeIfAbsent(span.service(), c -> new TreeSet<>()).add(span.peerService());
            }
        }
        startedAfter.forEach((edge, counts) -> {
            if (2 * counts[1] < counts[0]) {
                awaited.computeIfAbsent(edge.get(0), c -> new TreeSet<>()).add(edge.get(1));
            }
        });
        Deque<String> queue = new ArrayDeque<>();
        if (callees.containsKey(frontend) || entries.contains(frontend)) {
            queue.add(frontend);
        } else {
            entries.forEach(e -> {
                previous.put(e, frontend);
                queue.add(e);
            });
        }
        previous.putIfAbsent(frontend, null);
        while (!queue.isEmpty()) {
            String caller = queue.poll();
            for (String callee : callees.getOrDefault(caller, Set.of())) {
                if (!previous.containsKey(callee)) {
                    previous.put(callee, caller);
                    queue.add(callee);
                }
            }
        }
    }

    /**
     * Caller → the callees it waits for (in name order): those whose spans mostly start before the caller's span ends.
     * A consumer picking up a published message, or any call left running, starts after its caller's span has ended: its
     * errors and latency do not travel back to the caller.
     */
    Map<String, Set<String>> awaitedCallees() {
        return Collections.unmodifiableMap(awaited);
    }

    /** The path from the front-end to the service; just the service when no call path reaches it. */
    WalkPath pathTo(String service) {
        List<String> path = new ArrayList<>();
        if (!previous.containsKey(service)) {
            return new WalkPath(List.of(service), 0);
        }
        for (String s = service; s != null; s = previous.get(s)) {
            path.add(s);
        }
        Collections.reverse(path);
        return new WalkPath(path, 0);
    }
}
