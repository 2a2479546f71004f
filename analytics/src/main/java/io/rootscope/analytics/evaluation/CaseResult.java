package io.rootscope.analytics.evaluation;

import java.util.List;

/**
 * The outcome of one diagnosis of one case.
 *
 * @param caseId     case identifier
 * @param faultType  kind of fault
 * @param rootCause  true root cause
 * @param rank       1-based rank of the true root cause, 0 when not ranked
 * @param millis     wall-clock diagnosis time
 * @param top        the first services of the ranking
 */
public record CaseResult(String caseId, String faultType, String rootCause, int rank, double millis,
                         List<String> top) {
    public CaseResult {
        top = List.copyOf(top);
    }
}
