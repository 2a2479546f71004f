package io.rootscope.backend.knowledge;

import static io.rootscope.backend.db.schema.Tables.DIM_TENANT;
import static io.rootscope.backend.db.schema.Tables.KB_DOC;
import static io.rootscope.backend.db.schema.Tables.RUNBOOK_QUERIES;
import static io.rootscope.backend.db.schema.Tables.RUNBOOK_SEARCH;

import io.rootscope.backend.db.schema.tables.records.RunbookQueriesRecord;
import io.rootscope.backend.db.schema.tables.records.RunbookSearchRecord;
import io.rootscope.backend.rca.AnomalyProfileVector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The runbooks for an incident: for each of its top root causes (the latest stored diagnosis), the runbooks whose
 * passages best match the cause's symptoms ({@code runbook_queries}: the alert text, the metric types and channels of
 * its score, the log templates and operations found on it), by hybrid ranking ({@code runbook_search}: full-text and
 * the symptoms' sentence embedding, fused by reciprocal rank). A runbook is listed once, for the highest cause that
 * brought it, with its best passage.
 */
public final class RunbookFinder {

    private final SentenceEmbedder embedder;

    public RunbookFinder(SentenceEmbedder embedder) {
        this.embedder = embedder;
    }

    /** One runbook passage for one root cause. */
    public record Passage(int causeRank, String causeUrn, String causeName, long docId, long chunkId, String title,
                          String section, String content, double score) {
    }

    /** Up to {@code perCause} runbooks for each of the incident's top three causes; none without a stored diagnosis. */
    public List<Passage> forIncident(DSLContext db, String tenant, UUID eventId, int perCause) {
        List<Passage> passages = new ArrayList<>();
        // A tenant without runbooks costs no embedding.
        if (!db.fetchExists(KB_DOC.join(DIM_TENANT).on(DIM_TENANT.TENANT_ID.eq(KB_DOC.TENANT_ID)), DIM_TENANT.CODE.eq(tenant))) {
            return passages;
        }
        Set<Long> listed = new HashSet<>();
        for (RunbookQueriesRecord cause : db.selectFrom(RUNBOOK_QUERIES.call(tenant, eventId, 3)).fetch()) {
            // Enough rows that perCause remain after the runbooks listed for a higher cause are left out.
            List<RunbookSearchRecord> found = search(db, tenant, cause.getSymptoms(), perCause + listed.size());
            int added = 0;
            for (RunbookSearchRecord row : found) {
                if (added < perCause && listed.add(row.getDocId())) {
                    passages.add(new Passage(cause.getRank(), cause.getUrn(), cause.getName(), row.getDocId(), row.getChunkId(),
                            row.getTitle(), row.getSection(), row.getContent(), row.getScore()));
                    added++;
                }
            }
        }
        return passages;
    }

    /** The {@code k} runbooks best matching {@code text}, each by its best passage. */
    public List<RunbookSearchRecord> search(DSLContext db, String tenant, String text, int k) {
        String embedding = AnomalyProfileVector.text(embedder.embed(text));
        return db.selectFrom(RUNBOOK_SEARCH.call(tenant, text, embedding, k)).fetch();
    }
}
