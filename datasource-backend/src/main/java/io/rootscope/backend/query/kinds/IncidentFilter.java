package io.rootscope.backend.query.kinds;

import io.rootscope.backend.query.IncidentRepository.Status;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.Payloads;
import java.util.List;

/** The payload the {@code incidents} and {@code annotations} kinds share: which incidents to show. */
record IncidentFilter(String status, String resource) {

    static final List<PayloadOption> OPTIONS = List.of(
            PayloadOption.select("status", "Status", Payloads.names(Status.class)),
            PayloadOption.input("resource", "Resource", "URN (optional)"));

    Status chosenStatus() {
        return Payloads.choice(status, Status.class, Status.ALL, "status");
    }
}
