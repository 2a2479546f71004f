package io.rootscope.analytics.rca;

import java.util.List;
import java.util.Optional;

/** What a learning method remembers of confirmed root causes ({@link LearningMethod}'s memory). */
public interface Learner {

    /** Records what this root cause teaches. */
    void learn(DiagnosisWindow window, String rootCauseService);

    /** What {@link #learn} would record, without recording it; empty when the cause is not a service of the window. */
    Optional<Lesson> lesson(DiagnosisWindow window, String rootCauseService);

    /** Replaces everything remembered by these lessons, oldest first. */
    void recall(List<Lesson> lessons);
}
