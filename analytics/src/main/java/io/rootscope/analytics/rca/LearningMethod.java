package io.rootscope.analytics.rca;

import java.util.List;
import java.util.Optional;

/** A method that learns from confirmed root causes: learning, lessons and recall are its {@link #learner}'s. */
public interface LearningMethod extends RootCauseMethod {

    /** The memory the method's rankings read. */
    Learner learner();

    @Override
    default void learn(DiagnosisWindow window, String rootCauseService) {
        learner().learn(window, rootCauseService);
    }

    @Override
    default boolean learns() {
        return true;
    }

    @Override
    default Optional<Lesson> lesson(DiagnosisWindow window, String rootCauseService) {
        return learner().lesson(window, rootCauseService);
    }

    @Override
    default void recall(List<Lesson> lessons) {
        learner().recall(lessons);
    }
}
