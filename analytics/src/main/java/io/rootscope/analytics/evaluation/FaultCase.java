package io.rootscope.analytics.evaluation;

import io.rootscope.analytics.rca.DiagnosisWindow;

/**
 * A fault case with known outcome: the window to diagnose and its ground truth, kept apart from the methods.
 *
 * @param id                 case identifier
 * @param faultType          kind of injected fault (e.g. cpu, mem)
 * @param rootCauseService   the service the fault was injected into
 * @param window             the diagnosis window
 */
public record FaultCase(String id, String faultType, String rootCauseService, DiagnosisWindow window) {
}
