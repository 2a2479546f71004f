package io.rootscope.analytics.rca;

import java.util.List;
import java.util.Optional;

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

    /** Whether {@link #learn} changes later rankings (AutoMAP's metric-type weights); false for memoryless methods. */
    default boolean learns() {
        return false;
    }

    /**
     * What learning this root cause would record, without recording it, so that the caller can keep it (a database)
     * and give it back with {@link #recall}. Empty for methods without memory, and when the cause is not a service of
     * the window.
     */
    default Optional<Lesson> lesson(DiagnosisWindow window, String rootCauseService) {
        return Optional.empty();
    }

    /** Replaces everything the method has learned by these lessons, oldest first. Methods without memory ignore it. */
    default void recall(List<Lesson> lessons) {
    }
}
