package io.rootscope.analytics.rca;

/** A root-cause analysis method: ranks the services of a diagnosis window. Implementations are thread-confined. */
public interface RootCauseMethod {

    /** The name the method is selected by. */
    String name();

    /** Ranks every service of the window as a candidate root cause of the front-end's anomaly. */
    Diagnosis rank(DiagnosisWindow window);

    /**
     * Learns from a past diagnosis whose root cause became known. Methods without memory ignore it; AutoMAP updates
     * its metric-type weights.
     */
    default void learn(DiagnosisWindow window, String rootCauseService) {
    }
}
