package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.rca.DiagnosisWindow;

import java.util.List;

/**
 * A fault case with known outcome: the window to diagnose and its ground truth, kept apart from the methods.
 *
 * @param id               case identifier
 * @param faultType        kind of injected fault (e.g. cpu, mem)
 * @param rootCauseService the service the fault was injected into
 * @param window           the diagnosis window
 * @param rejected         rows of the case's files that were not used
 */
public record FaultCase(String id, String faultType, String rootCauseService, DiagnosisWindow window,
                        List<RejectedRow> rejected) {

    public FaultCase {
        rejected = List.copyOf(rejected);
    }

    public FaultCase(String id, String faultType, String rootCauseService, DiagnosisWindow window) {
        this(id, faultType, rootCauseService, window, List.of());
    }
}
