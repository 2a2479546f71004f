package io.rootscope.backend.rca;

import static io.rootscope.backend.db.schema.Tables.LEARNED_LESSON;

import io.rootscope.analytics.rca.Lesson;
import io.rootscope.backend.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * A tenant's lessons per learning method ({@code learned_lesson}, V024), read through whichever connection is given
 * (panels: the read-only pool, under row-level security) and always inside one tenant.
 */
final class LessonStore {

    /**
     * The most recent lessons a diagnosis recalls. AutoMAP weighs by the few most similar past anomalies, so older ones
     * add little; the bound keeps a tenant's history in memory small whatever its age.
     */
    static final int RECALLED_MAX = 1000;

    private final DSLContext db;

    LessonStore(DSLContext db) {
        this.db = db;
    }

    LearningVersion version(long tenantId, String method) {
        return db.select(DSL.coalesce(DSL.max(LEARNED_LESSON.REVISION), 0L), DSL.count()).from(LEARNED_LESSON)
                .where(LEARNED_LESSON.TENANT_ID.eq(tenantId)).and(LEARNED_LESSON.METHOD.eq(method))
                .fetchSingle(r -> new LearningVersion(r.value1(), r.value2()));
    }

    /** The latest {@link #RECALLED_MAX} lessons, oldest first. */
    List<Lesson> recent(long tenantId, String method) {
        List<Lesson> lessons = new ArrayList<>(db.select(LEARNED_LESSON.LESSON).from(LEARNED_LESSON)
                .where(LEARNED_LESSON.TENANT_ID.eq(tenantId)).and(LEARNED_LESSON.METHOD.eq(method))
                .orderBy(LEARNED_LESSON.REVISION.desc()).limit(RECALLED_MAX)
                .fetch(r -> Json.read(r.value1().data(), Lesson.class, "learned_lesson.lesson")));
        Collections.reverse(lessons);
        return lessons;
    }

    /** Makes {@code lesson} the incident's one lesson (a later confirmation wins), in the caller's transaction. */
    void replace(long tenantId, UUID eventId, long confirmationId, String method, Lesson lesson) {
        forget(eventId);
        db.insertInto(LEARNED_LESSON)
                .set(LEARNED_LESSON.TENANT_ID, tenantId)
                .set(LEARNED_LESSON.METHOD, method)
                .set(LEARNED_LESSON.EVENT_ID, eventId)
                .set(LEARNED_LESSON.CONFIRMATION_ID, confirmationId)
                .set(LEARNED_LESSON.LESSON, JSONB.valueOf(RcaService.json(lesson)))
                .execute();
    }

    /** Drops the incident's lesson: its latest confirmation teaches nothing. */
    void forget(UUID eventId) {
        db.deleteFrom(LEARNED_LESSON).where(LEARNED_LESSON.EVENT_ID.eq(eventId)).execute();
    }
}
