package io.rootscope.backend.ingest.csv;

import java.time.Instant;

/**
 * A fault case's {@code case.json} (datasets README): what was injected where and when, and the ground truth.
 *
 * @param system           the system under test, used as the namespace of its services' URNs
 * @param samplingInterval seconds between two rows of the CSV files
 */
public record CaseDescription(String id, String system, String rootCauseService, String faultType, Instant injectTime,
                              String frontendService, long samplingInterval, String source) {
}
