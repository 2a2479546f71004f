package io.rootscope.backend.etl.runtime;

import java.time.Instant;

/** A half-open time window [from, to) that one run of an ETL job processes. */
public record EtlWindow(Instant from, Instant to) {

    public EtlWindow {
        if (from == null || to == null) {
            throw new IllegalArgumentException("window from and to must be set");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("window from " + from + " must be before to " + to);
        }
    }
}
