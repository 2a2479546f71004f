package io.rootscope.backend.etl.write;

import java.time.Instant;
import java.util.Map;

/**
 * Where raw detail behind ETL rows lives: a query of a backend over a window (a row of {@code detail_locator}).
 *
 * @param backend    one of prometheus, loki, tempo, openobserve, object_store, postgres
 * @param dataset    one of metrics, logs, traces, events, topology
 * @param query      the query that fetches the detail, e.g. the PromQL
 * @param attributes anything else a reader needs, e.g. the step
 */
public record LocatorSpec(String backend, String dataset, String query, Instant from, Instant to,
                          Map<String, Object> attributes) {

    public LocatorSpec {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query of a " + backend + " locator must not be empty");
        }
        if (from == null || to == null || from.isAfter(to)) {
            throw new IllegalArgumentException("locator window from " + from + " must not be after to " + to);
        }
        attributes = Map.copyOf(attributes);
    }
}
