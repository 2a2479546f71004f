package io.rootscope.backend.rca;

import static io.rootscope.backend.db.schema.Tables.ANOMALY_PROFILE;
import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;
import static io.rootscope.backend.db.schema.Tables.EVIDENCE_LINK;
import static io.rootscope.backend.db.schema.Tables.INCIDENT_DIAGNOSIS_DUE;
import static io.rootscope.backend.db.schema.Tables.RCA_CANDIDATE;
import static io.rootscope.backend.db.schema.Tables.RCA_RUN;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.multimodal.MultimodalRca;
import io.rootscope.backend.incident.IncidentStore;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.rca.RcaService.Candidate;
import io.rootscope.backend.rca.RcaService.RankedDiagnosis;
import io.rootscope.backend.rca.RcaService.RcaRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The storage of {@link RcaService}'s diagnoses: incidents' stored diagnoses ({@code rca_run} with its {@code rca_candidate}
 * rows), what a diagnosis records for its incident (anomaly profile, evidence links), and the front-end resource a diagnosis
 * starts from. Reads go through whichever connection is given (panels: the read-only pool), always inside one tenant;
 * writes only through {@link #replace}, from the incident listener and the re-diagnosis API (with the diagnosis' message
 * for Kafka in the same transaction, when diagnoses are published).
 */
final class DiagnosisRunStore {

    private final DSLContext db;
    private final boolean outbox;

    DiagnosisRunStore(DSLContext db) {
        this(db, false);
    }

    /** @param outbox whether a stored diagnosis also writes its message to the {@link DiagnosisOutbox} */
    DiagnosisRunStore(DSLContext db, boolean outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** The tenant's resource of that URN (a diagnosis' front-end), empty when the tenant has none. */
    Optional<Long> resourceId(long tenantId, String urn) {
        return db.select(DIM_RESOURCE.RESOURCE_ID).from(DIM_RESOURCE)
                .where(DIM_RESOURCE.TENANT_ID.eq(tenantId)).and(DIM_RESOURCE.URN.eq(urn))
                .fetchOptional(DIM_RESOURCE.RESOURCE_ID);
    }

    /**
     * Locks the incident's row for this transaction: waits for a diagnosis of it in progress elsewhere, or with
     * {@code skipLocked} gives up at once; false when it is locked (skipLocked) or gone.
     */
    boolean lockIncident(UUID eventId, boolean skipLocked) {
        var lock = db.select(EVENT_ENVELOPE.EVENT_ID).from(EVENT_ENVELOPE).where(EVENT_ENVELOPE.EVENT_ID.eq(eventId)).forNoKeyUpdate();
        return (skipLocked ? lock.skipLocked() : lock).fetchOptional().isPresent();
    }

    /** Forgets that the incident's diagnosis is due: call on the transaction that stores it, or finds it stored. */
    void forgetDue(UUID eventId) {
        db.deleteFrom(INCIDENT_DIAGNOSIS_DUE).where(INCIDENT_DIAGNOSIS_DUE.EVENT_ID.eq(eventId)).execute();
    }

    /**
     * Notes the incident's diagnosis due again at {@code dueAt}, when its whole window will be stored: call instead of
     * {@link #forgetDue} on the transaction that stores a diagnosis of part of the window.
     */
    void noteDueAgain(RcaRequest request, UUID eventId, Instant anomalyStart, Instant dueAt) {
        OffsetDateTime due = dueAt.atOffset(ZoneOffset.UTC);
        db.insertInto(INCIDENT_DIAGNOSIS_DUE)
                .set(INCIDENT_DIAGNOSIS_DUE.EVENT_ID, eventId)
                .set(INCIDENT_DIAGNOSIS_DUE.TENANT_ID, request.tenantId())
                .set(INCIDENT_DIAGNOSIS_DUE.FRONTEND_URN, request.frontendUrn())
                .set(INCIDENT_DIAGNOSIS_DUE.ANOMALY_START, anomalyStart.atOffset(ZoneOffset.UTC))
                .set(INCIDENT_DIAGNOSIS_DUE.DUE_AT, due)
                .onConflict(INCIDENT_DIAGNOSIS_DUE.EVENT_ID)
                .doUpdate().set(INCIDENT_DIAGNOSIS_DUE.DUE_AT, due)
                .execute();
    }

    /** The incident's stored diagnosis run, if it has one. */
    Optional<Long> incidentRunId(long tenantId, UUID eventId) {
        return db.select(RCA_RUN.RUN_ID).from(RCA_RUN).where(RCA_RUN.TENANT_ID.eq(tenantId)).and(RCA_RUN.EVENT_ID.eq(eventId))
                .orderBy(RCA_RUN.RUN_ID.desc()).limit(1).fetchOptional(RCA_RUN.RUN_ID);
    }

    Optional<RankedDiagnosis> byInputHash(long tenantId, String inputHash) {
        return runs().where(RCA_RUN.TENANT_ID.eq(tenantId)).and(RCA_RUN.INPUT_HASH.eq(inputHash)).fetchOptional().map(this::withRanking);
    }

    Optional<RankedDiagnosis> byRun(long tenantId, long runId) {
        return runs().where(RCA_RUN.TENANT_ID.eq(tenantId)).and(RCA_RUN.RUN_ID.eq(runId)).fetchOptional().map(this::withRanking);
    }

    private org.jooq.SelectJoinStep<? extends Record> runs() {
        return db.select(RCA_RUN.RUN_ID, RCA_RUN.INPUT_HASH, RCA_RUN.METHOD, RCA_RUN.EXPLANATION, RCA_RUN.DURATION_MS,
                RCA_RUN.LEARNING_REVISION, RCA_RUN.LEARNED_LESSONS).from(RCA_RUN);
    }

    /** What the incident's stored diagnosis was made from (its latest successful run's inputs). */
    record RunInputs(String method, String frontendUrn, Instant from, Instant to, Optional<Instant> anomalyStart,
                     List<NormalPeriod.TimeRange> excluded) {
    }

    Optional<RunInputs> incidentRun(long tenantId, UUID eventId) {
        return db.select(RCA_RUN.METHOD, DIM_RESOURCE.URN, RCA_RUN.WINDOW_FROM, RCA_RUN.WINDOW_TO, RCA_RUN.ANOMALY_START,
                        RCA_RUN.NORMAL_EXCLUDED).from(RCA_RUN)
                .join(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(RCA_RUN.FRONTEND_RESOURCE_ID))
                .where(RCA_RUN.TENANT_ID.eq(tenantId)).and(RCA_RUN.EVENT_ID.eq(eventId)).and(RCA_RUN.STATUS.eq("succeeded"))
                .orderBy(RCA_RUN.CREATED_AT.desc(), RCA_RUN.RUN_ID.desc()).limit(1)
                .fetchOptional(r -> new RunInputs(r.value1(), r.value2(), r.value3().toInstant(), r.value4().toInstant(),
                        Optional.ofNullable(r.value5()).map(OffsetDateTime::toInstant), excluded(r.value6())));
    }

    private static List<NormalPeriod.TimeRange> excluded(JSONB stored) {
        List<NormalPeriod.TimeRange> ranges = new ArrayList<>();
        parse(stored).forEach(range -> ranges.add(NormalPeriod.TimeRange.fromJson(range)));
        return ranges;
    }

    private RankedDiagnosis withRanking(Record run) {
        long runId = run.get(RCA_RUN.RUN_ID);
        List<Candidate> ranking = db.select(RCA_CANDIDATE.RANK, DIM_RESOURCE.URN, RCA_CANDIDATE.SCORE, RCA_CANDIDATE.CONTRIBUTIONS)
                .from(RCA_CANDIDATE).join(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(RCA_CANDIDATE.RESOURCE_ID))
                .where(RCA_CANDIDATE.RUN_ID.eq(runId)).orderBy(RCA_CANDIDATE.RANK)
                .fetch(r -> new Candidate(r.value1(), r.value2(), r.value3(), parse(r.value4())));
        JSONB explanation = run.get(RCA_RUN.EXPLANATION);
        return new RankedDiagnosis(runId, run.get(RCA_RUN.INPUT_HASH), true, run.get(RCA_RUN.METHOD), ranking,
                new StoredJson(explanation == null ? null : explanation.data()), run.get(RCA_RUN.DURATION_MS),
                new LearningVersion(run.get(RCA_RUN.LEARNING_REVISION), run.get(RCA_RUN.LEARNED_LESSONS)));
    }

    /**
     * Makes {@code diagnosis} the incident's one stored diagnosis, in one transaction: its run and candidates, its anomaly
     * profile, and its evidence links in place of the previous diagnosis' (whose runs are deleted). Concurrent stores for one
     * incident take turns on the incident's row.
     *
     * @return the run id; an identical run already stored (same inputs) is kept and its id returned, with nothing written
     */
    StoredRun replace(RcaRequest request, UUID eventId, long frontendId, String inputHash, Diagnosis diagnosis, double durationMs,
                      LearningVersion learning) {
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            t.select(EVENT_ENVELOPE.EVENT_ID).from(EVENT_ENVELOPE).where(EVENT_ENVELOPE.EVENT_ID.eq(eventId)).forNoKeyUpdate().fetch();
            Long existing = t.select(RCA_RUN.RUN_ID).from(RCA_RUN).where(RCA_RUN.TENANT_ID.eq(request.tenantId()))
                    .and(RCA_RUN.INPUT_HASH.eq(inputHash)).fetchOne(RCA_RUN.RUN_ID);
            if (existing != null) {
                return new StoredRun(existing, false);
            }
            long runId = t.insertInto(RCA_RUN)
                    .set(RCA_RUN.TENANT_ID, request.tenantId())
                    .set(RCA_RUN.EVENT_ID, eventId)
                    .set(RCA_RUN.METHOD, request.method())
                    .set(RCA_RUN.FRONTEND_RESOURCE_ID, frontendId)
                    .set(RCA_RUN.WINDOW_FROM, request.from().atOffset(ZoneOffset.UTC))
                    .set(RCA_RUN.WINDOW_TO, request.to().atOffset(ZoneOffset.UTC))
                    .set(RCA_RUN.ANOMALY_START, request.anomalyStart().map(s -> s.atOffset(ZoneOffset.UTC)).orElse(null))
                    .set(RCA_RUN.NORMAL_EXCLUDED, jsonb(request.excluded().stream().map(NormalPeriod.TimeRange::asJson).toList()))
                    .set(RCA_RUN.INPUT_HASH, inputHash)
                    .set(RCA_RUN.STATUS, "succeeded")
                    .set(RCA_RUN.EXPLANATION, jsonb(diagnosis.explanation()))
                    .set(RCA_RUN.DURATION_MS, durationMs)
                    .set(RCA_RUN.LEARNING_REVISION, learning.revision())
                    .set(RCA_RUN.LEARNED_LESSONS, learning.lessons())
                    .returningResult(RCA_RUN.RUN_ID)
                    .fetchSingle(RCA_RUN.RUN_ID);
            // The previous diagnosis' links are only the ones a diagnosis writes (below); alerts' and detectors' stay.
            t.deleteFrom(EVIDENCE_LINK).where(EVIDENCE_LINK.EVENT_ID.eq(eventId))
                    .and(DSL.condition("""
                            ({0} = 'rca' AND {1} ->> 'table' = 'rca_run') OR ({0} = 'metric' AND {1} ->> 'table' = 'metric_1m')
                            OR ({0} IN ('log', 'trace') AND {1} ->> 'run_id' IS NOT NULL)""", EVIDENCE_LINK.DIM, EVIDENCE_LINK.REF_PG))
                    .execute();
            t.deleteFrom(RCA_RUN).where(RCA_RUN.EVENT_ID.eq(eventId)).and(RCA_RUN.RUN_ID.ne(runId)).execute();
            Map<String, Long> ids = new HashMap<>();
            t.select(DIM_RESOURCE.URN, DIM_RESOURCE.RESOURCE_ID).from(DIM_RESOURCE)
                    .where(DIM_RESOURCE.TENANT_ID.eq(request.tenantId()))
                    .and(DIM_RESOURCE.URN.in(diagnosis.ranking().stream().map(RankedService::service).toList()))
                    .forEach(r -> ids.put(r.value1(), r.value2()));
            var insert = t.insertInto(RCA_CANDIDATE, RCA_CANDIDATE.RUN_ID, RCA_CANDIDATE.RANK, RCA_CANDIDATE.RESOURCE_ID,
                    RCA_CANDIDATE.SCORE, RCA_CANDIDATE.CONTRIBUTIONS);
            int rank = 0;
            for (RankedService candidate : diagnosis.ranking()) {
                Map<String, Double> contributions = diagnosis.explanation().metricContributions().getOrDefault(candidate.service(), Map.of());
                insert = insert.values(runId, ++rank, ids.get(candidate.service()), candidate.score(), jsonb(contributions));
            }
            insert.execute();
            recordForIncident(t, request, eventId, runId, diagnosis, ids);
            if (outbox) {
                DiagnosisOutbox.add(t, request.tenantId(), eventId, request.frontendUrn(), runId, diagnosis);
            }
            return new StoredRun(runId, true);
        });
    }

    /** A run id, and whether it was written now. */
    record StoredRun(long runId, boolean created) {
    }

    /**
     * The incident's anomaly profile (for similar-incident search) and evidence: the ranking, the top causes' metrics, and
     * the log templates, operations and calls the diagnosis found ({@link FindingLinks}).
     */
    private static void recordForIncident(DSLContext t, RcaRequest request, UUID eventId, long runId, Diagnosis diagnosis,
                                          Map<String, Long> ids) {
        String vector = AnomalyProfileVector.text(AnomalyProfileVector.of(diagnosis.explanation().metricContributions(),
                RcaService.PROFILE_DIMENSION));
        // jOOQ does not know pgvector's type (the column is typed Object, which makes set(field, value) ambiguous):
        // the vector goes in as text cast in SQL, through the map form of set.
        Map<Field<?>, Object> values = Map.of(
                ANOMALY_PROFILE.RUN_ID, runId,
                ANOMALY_PROFILE.PROFILE, DSL.field("{0}::public.vector", Object.class, DSL.val(vector)),
                ANOMALY_PROFILE.DETAIL, jsonb(diagnosis.explanation().metricContributions()));
        t.insertInto(ANOMALY_PROFILE)
                .set(ANOMALY_PROFILE.TENANT_ID, request.tenantId())
                .set(ANOMALY_PROFILE.EVENT_ID, eventId)
                .set(values)
                .onConflictOnConstraint(DSL.name("anomaly_profile_event_uq")).doUpdate()
                .set(values)
                .execute();
        IncidentStore store = new IncidentStore(t);
        store.link(eventId, "rca", Map.of("table", "rca_run", "run_id", runId), null, 1.0, diagnosis.method() + " ranking");
        List<RankedService> top = diagnosis.ranking().subList(0, Math.min(3, diagnosis.ranking().size()));
        for (RankedService candidate : top) {
            Map<String, Double> byType = diagnosis.explanation().metricContributions().getOrDefault(candidate.service(), Map.of());
            // Log and trace channels are linked by their findings (FindingLinks), not as metrics.
            byType.entrySet().stream().filter(e -> !MultimodalRca.LOG_AND_TRACE_CHANNELS.contains(e.getKey()))
                    .max(Map.Entry.comparingByValue()).ifPresent(strongest -> store.link(eventId, "metric",
                    Map.of("table", "metric_1m", "resource_id", ids.get(candidate.service()), "metric", strongest.getKey(),
                            "from", request.from().toString(), "to", request.to().toString()),
                    null, candidate.score(), "strongest anomaly of candidate " + candidate.service()));
        }
        FindingLinks.write(t, request, eventId, runId, diagnosis);
    }

    private static JSONB jsonb(Object value) {
        return JSONB.valueOf(RcaService.json(value));
    }

    private static JsonNode parse(JSONB value) {
        return value == null ? Json.MAPPER.createObjectNode() : Json.read(value.data(), JsonNode.class, "stored");
    }
}
