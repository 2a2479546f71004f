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
    private final Map<String, String> previous = new HashMap<>();
    private final String frontend;

    CallPaths(List<SpanRecord> spans, String frontend) {
        this.frontend = frontend;
        Map<List<String>, String> serviceOf = new HashMap<>(spans.size() * 2);
        spans.forEach(s -> serviceOf.put(List.of(s.traceId(), s.spanId()), s.service()));
        Set<String> entries = new TreeSet<>();
        for (SpanRecord span : spans) {
            String caller = span.parentSpanId() == null ? null : serviceOf.get(List.of(span.traceId(), span.parentSpanId()));
            if (caller == null) {
                entries.add(span.service());
            } else if (!caller.equals(span.service())) {
                callees.computeIfAbsent(caller, c -> new TreeSet<>()).add(span.service());
            }
            if (span.peerService() != null) {
                callees.computeIfAbsent(span.service(), c -> new TreeSet<>()).add(span.peerService());
            }
        }
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

    /** Caller → callees. */
    Map<String, Set<String>> graph() {
        return Collections.unmodifiableMap(callees);
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
