package io.rootscope.backend.etl.runtime;

import java.time.Instant;

/** {@code POST /etl/replay {job, tenant, from, to}}: run the job's windows in [from, to) again. */
public record ReplayRequest(String job, String tenant, Instant from, Instant to) {
}
