package io.rootscope.backend.knowledge;

import static io.rootscope.backend.db.schema.Tables.DIM_TENANT;
import static io.rootscope.backend.db.schema.Tables.KB_DOC;
import static io.rootscope.backend.db.schema.Tables.RUNBOOK_QUERIES;
import static io.rootscope.backend.db.schema.Tables.RUNBOOK_SEARCH;

import io.rootscope.backend.db.schema.tables.records.RunbookQueriesRecord;
import io.rootscope.backend.db.schema.tables.records.RunbookSearchRecord;
import io.rootscope.backend.rca.AnomalyProfileVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The runbooks for an incident: for each of its top root causes (the latest stored diagnosis), the runbooks whose
 * passages best match the cause's own symptoms ({@code runbook_queries}: the metric types and channels of its score, the
 * log templates and operations found on it) and, apart, the incident's alert text, each by hybrid ranking
 * ({@code runbook_search}: full-text and the text's sentence embedding, fused by reciprocal rank), their scores added
 * with a weight on the alert's. The two are searched apart because the alert's many words, searched as one text with the
 * cause's few, drown the evidence that tells the cause's fault apart; the alert still counts, since it names what was
 * seen on the faulty service when the diagnosis ranks another cause first. A runbook is listed once, for the highest
 * cause that brought it, with its best passage.
 */
public final class RunbookFinder {

    /**
     * The alert text's reciprocal-rank score relative to the cause's own symptoms'. In the middle of the flat region
     * (every fault type's runbook in the top 3: 0.75 to 0.875 over the incidents of four e2e runs, 0.75 to 2 over the
     * first three, 0.25 to 2 over the first two) of the sweep {@code ./rootscope bench runbooks} prints (README,
     * Runbooks). The fourth run's packet loss was taken for an incident whose alert named another service's CPU and
     * memory: at weight 1 that text ranked the packet loss runbook 5th.
     */
    static final double ALERT_WEIGHT_DEFAULT = 0.8;
    /** Runbooks taken from each search before fusing: enough that a runbook found by one search is ranked by the other. */
    private static final int CANDIDATES = 20;

    private final SentenceEmbedder embedder;
    private final double alertWeight;

    public RunbookFinder(SentenceEmbedder embedder) {
        this(embedder, ALERT_WEIGHT_DEFAULT);
    }

    RunbookFinder(SentenceEmbedder embedder, double alertWeight) {
        this.embedder = embedder;
        this.alertWeight = alertWeight;
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
        // The alert text is the same for every cause: searched once.
        Map<String, List<RunbookSearchRecord>> alertSearches = new HashMap<>();
        for (RunbookQueriesRecord cause : db.selectFrom(RUNBOOK_QUERIES.call(tenant, eventId, 3)).fetch()) {
            List<RunbookSearchRecord> alert = alertSearches.computeIfAbsent(cause.getAlert(), text -> search(db, tenant, text, CANDIDATES));
            int added = 0;
            for (Scored found : fused(search(db, tenant, cause.getSymptoms(), CANDIDATES), alert)) {
                RunbookSearchRecord row = found.passage();
                if (added < perCause && listed.add(row.getDocId())) {
                    passages.add(new Passage(cause.getRank(), cause.getUrn(), cause.getName(), row.getDocId(), row.getChunkId(),
                            row.getTitle(), row.getSection(), row.getContent(), found.score()));
                    added++;
                }
            }
        }
        return passages;
    }

    /** A runbook's best passage and its fused score. */
    private record Scored(RunbookSearchRecord passage, double score) {
    }

    /**
     * The runbooks of both searches, best first, each scored by its reciprocal-rank score for the cause's symptoms plus
     * the alert weight times its score for the alert text; its passage is the one its symptoms found, if they did.
     */
    private List<Scored> fused(List<RunbookSearchRecord> symptoms, List<RunbookSearchRecord> alert) {
        Map<Long, Scored> byDoc = new LinkedHashMap<>();
        symptoms.forEach(row -> byDoc.put(row.getDocId(), new Scored(row, row.getScore())));
        for (RunbookSearchRecord row : alert) {
            double weighted = alertWeight * row.getScore();
            byDoc.merge(row.getDocId(), new Scored(row, weighted), (own, fromAlert) -> new Scored(own.passage(), own.score() + weighted));
        }
        return byDoc.values().stream()
                .sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparingLong(s -> s.passage().getChunkId()))
                .toList();
    }

    /** The {@code k} runbooks best matching {@code text}, each by its best passage; none for a blank text. */
    public List<RunbookSearchRecord> search(DSLContext db, String tenant, String text, int k) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String embedding = AnomalyProfileVector.text(embedder.embed(text));
        return db.selectFrom(RUNBOOK_SEARCH.call(tenant, text, embedding, k)).fetch();
    }
}
