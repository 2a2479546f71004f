package io.rootscope.demo;

import java.time.Instant;

/** One row of the {@code incidents} query kind. */
public record Incident(String eventId, Instant startedAt, String resource, String title, String topCause) {

    public static Incident of(Frame incidents, int row) {
        return new Incident(incidents.text("event_id", row),
                Instant.ofEpochMilli(incidents.column("started_at").get(row).asLong()),
                incidents.text("resource", row), incidents.text("title", row), incidents.text("top_cause", row));
    }
}
