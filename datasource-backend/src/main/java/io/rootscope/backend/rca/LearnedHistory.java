package io.rootscope.backend.rca;

import io.rootscope.analytics.rca.Lesson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * The lessons each tenant's diagnoses recall, per learning method, read from the database and kept in memory while
 * their {@link LearningVersion} is unchanged: every diagnosis reads the version (one indexed aggregate), so lessons
 * another backend wrote are seen by the next diagnosis here. At most {@link LessonStore#RECALLED_MAX} lessons per
 * tenant and method are held.
 */
final class LearnedHistory {

    /** The lessons of one version. */
    record Learned(LearningVersion version, List<Lesson> lessons) {
    }

    private final Map<String, Learned> held = new ConcurrentHashMap<>();

    /** The tenant's current lessons for {@code method}, read through {@code db}. */
    Learned current(DSLContext db, long tenantId, String method) {
        LessonStore store = new LessonStore(db);
        LearningVersion version = store.version(tenantId, method);
        if (version.equals(LearningVersion.NONE)) {
            return new Learned(version, List.of());
        }
        String key = tenantId + "/" + method;
        Learned known = held.get(key);
        if (known != null && known.version().equals(version)) {
            return known;
        }
        Learned read = new Learned(version, List.copyOf(store.recent(tenantId, method)));
        held.put(key, read);
        return read;
    }
}
