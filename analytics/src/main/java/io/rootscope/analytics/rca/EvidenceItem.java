package io.rootscope.analytics.rca;

import java.util.List;

/**
 * One finding that points at a candidate root cause, for the ranking to explain itself and for the evidence chain to
 * link: a log template, an operation, a call or a metric of the candidate that changed in the anomalous period.
 *
 * @param service  the candidate it points at
 * @param kind     what was observed
 * @param subject  the template text, operation name, {@code caller -> callee} or metric type
 * @param finding  what changed, in words with the figures (e.g. "new, 41/min; ERROR")
 * @param score    how strongly it points at the service, on the method's scale (higher is stronger)
 * @param traceIds up to a few traces that show it (detail locators), empty when none apply
 */
public record EvidenceItem(String service, Kind kind, String subject, String finding, double score,
                           List<String> traceIds) {

    /** Kinds of evidence. */
    public enum Kind { LOG_TEMPLATE, OPERATION, CALL, METRIC }

    public EvidenceItem {
        traceIds = List.copyOf(traceIds);
    }
}
