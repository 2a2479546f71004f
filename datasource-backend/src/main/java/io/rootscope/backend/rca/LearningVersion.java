package io.rootscope.backend.rca;

/**
 * The version of a tenant's lessons for one method ({@code learned_lesson}, V024): the highest revision and how many
 * there are. Revisions come from one sequence, so any lesson written, replaced or deleted moves it; a diagnosis records
 * the version it used and a backend reuses lessons held in memory only while it is unchanged.
 */
public record LearningVersion(long revision, int lessons) {

    /** Nothing learned yet. */
    public static final LearningVersion NONE = new LearningVersion(0, 0);

    @Override
    public String toString() {
        return revision + "/" + lessons;
    }
}
