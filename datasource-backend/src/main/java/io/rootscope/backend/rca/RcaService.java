package io.rootscope.backend.rca;

import static io.rootscope.backend.db.schema.Tables.ANOMALY_PROFILE;
import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.RCA_CANDIDATE;
import static io.rootscope.backend.db.schema.Tables.RCA_RUN;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.RootCauseMethod;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.http.BadRequestException;
import io.rootscope.backend.http.Json;
import io.rootscope.backend.incident.IncidentListener;
import io.rootscope.backend.incident.IncidentStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Runs root-cause diagnoses over stored metrics and stores them ({@code rca_run}, {@code rca_candidate}, the
 * incident's anomaly profile and evidence links). A diagnosis whose inputs — method, front-end, window and the
 * data in it — are unchanged is read back instead of recomputed.
 */
public final class RcaService {

    public static final Duration NORMAL_LOOKBACK_DEFAULT = Duration.ofMinutes(20);
    public static final Duration ANOMALY_SPAN_DEFAULT = Duration.ofMinutes(10);
    public static final int PROFILE_DIMENSION = 64;

    /** A diagnosis request; {@code eventId} ties it to an incident. */
    public record RcaRequest(String tenant, long tenantId, Optional<UUID> eventId, String frontendUrn, Instant from, Instant to,
                             Optional<Instant> anomalyStart, String method) {
    }

    public record Candidate(int rank, String urn, double score, JsonNode contributions) {
    }

    /** A stored diagnosis; {@code reused} when it was read back rather than computed now. */
    public record StoredDiagnosis(long runId, boolean reused, String method, List<Candidate> ranking, StoredJson explanation,
                                  double durationMs) {
    }

    private final DSLContext db;
    private final DiagnosisWindowLoader loader;
    private final IncidentStore incidents;
    private final Duration normalLookback;
    private final Duration anomalySpan;
    /** Learning methods (AutoMAP's weights) keep their memory per tenant; methods are thread-confined. */
    private final Map<String, RootCauseMethod> methods = new ConcurrentHashMap<>();

    public RcaService(DSLContext writer, IncidentStore incidents) {
        this(writer, incidents, new DiagnosisWindowLoader(writer), NORMAL_LOOKBACK_DEFAULT, ANOMALY_SPAN_DEFAULT);
    }

    public RcaService(DSLContext writer, IncidentStore incidents, DiagnosisWindowLoader loader, Duration normalLookback,
                      Duration anomalySpan) {
        this.db = writer;
        this.incidents = incidents;
        this.loader = loader;
        this.normalLookback = normalLookback;
        this.anomalySpan = anomalySpan;
    }

    /** The window diagnosed for an incident that started at {@code start}: a normal period before it, the anomaly after. */
    public RcaRequest forIncident(String tenant, long tenantId, UUID eventId, String frontendUrn, Instant start, String method) {
        Instant to = start.plus(anomalySpan);
        Instant now = Instant.now();
        return new RcaRequest(tenant, tenantId, Optional.of(eventId), frontendUrn, start.minus(normalLookback),
                to.isAfter(now) ? now : to, Optional.of(start), method);
    }

    public StoredDiagnosis diagnose(RcaRequest request) {
        if (!RootCauseMethods.names().contains(request.method())) {
            throw new BadRequestException("payload.method", "unknown method '" + request.method() + "'; known: " + RootCauseMethods.names());
        }
        Long frontendId = db.select(DIM_RESOURCE.RESOURCE_ID).from(DIM_RESOURCE)
                .where(DIM_RESOURCE.TENANT_ID.eq(request.tenantId())).and(DIM_RESOURCE.URN.eq(request.frontendUrn()))
                .fetchOne(DIM_RESOURCE.RESOURCE_ID);
        if (frontendId == null) {
            throw new BadRequestException("payload.frontend", "unknown resource '" + request.frontendUrn() + "'");
        }
        long started = System.nanoTime();
        BadRequestException noData = new BadRequestException("range", "no service metrics are stored between "
                + request.from() + " and " + request.to());
        // The data's fingerprint first: an unchanged window is read back without loading its series.
        DiagnosisWindowLoader.Version version = loader.version(request.tenantId(), request.from(), request.to()).orElseThrow(() -> noData);
        String inputHash = inputHash(request, version.dataVersion());
        Optional<StoredDiagnosis> stored = byInputHash(request.tenantId(), inputHash);
        if (stored.isPresent()) {
            return stored.get();
        }
        DiagnosisWindowLoader.Loaded loaded = loader.load(request.tenantId(), request.frontendUrn(),
                request.from(), request.to(), request.anomalyStart(), version).orElseThrow(() -> noData);
        RootCauseMethod method = methods.computeIfAbsent(request.tenantId() + "/" + request.method(),
                key -> RootCauseMethods.create(request.method(), Map.of()));
        Diagnosis diagnosis;
        synchronized (method) {
            diagnosis = method.rank(loaded.window());
        }
        double durationMs = (System.nanoTime() - started) / 1e6;
        long runId = store(request, frontendId, inputHash, diagnosis, durationMs);
        return byRun(runId).orElseThrow();
    }

    /** The incident diagnosis as an {@link IncidentListener}. */
    public IncidentListener listener(String method, java.util.function.LongFunction<String> tenantCode) {
        return (eventId, tenantId, frontendUrn, anomalyStart) ->
                diagnose(forIncident(tenantCode.apply(tenantId), tenantId, eventId, frontendUrn, anomalyStart, method));
    }

    public Optional<StoredDiagnosis> latestForEvent(UUID eventId) {
        return db.select(RCA_RUN.RUN_ID).from(RCA_RUN)
                .where(RCA_RUN.EVENT_ID.eq(eventId)).and(RCA_RUN.STATUS.eq("succeeded"))
                .orderBy(RCA_RUN.CREATED_AT.desc(), RCA_RUN.RUN_ID.desc()).limit(1)
                .fetchOptional(RCA_RUN.RUN_ID).flatMap(this::byRun);
    }

    public Optional<StoredDiagnosis> byRun(long runId) {
        return byRun(runId, false);
    }

    private Optional<StoredDiagnosis> byInputHash(long tenantId, String inputHash) {
        return db.select(RCA_RUN.RUN_ID, RCA_RUN.METHOD, RCA_RUN.EXPLANATION, RCA_RUN.DURATION_MS).from(RCA_RUN)
                .where(RCA_RUN.TENANT_ID.eq(tenantId)).and(RCA_RUN.INPUT_HASH.eq(inputHash))
                .fetchOptional().map(run -> withRanking(run, true));
    }

    private Optional<StoredDiagnosis> byRun(long runId, boolean reused) {
        return db.select(RCA_RUN.RUN_ID, RCA_RUN.METHOD, RCA_RUN.EXPLANATION, RCA_RUN.DURATION_MS).from(RCA_RUN)
                .where(RCA_RUN.RUN_ID.eq(runId)).fetchOptional().map(run -> withRanking(run, reused));
    }

    private StoredDiagnosis withRanking(Record run, boolean reused) {
        long runId = run.get(RCA_RUN.RUN_ID);
        List<Candidate> ranking = db.select(RCA_CANDIDATE.RANK, DIM_RESOURCE.URN, RCA_CANDIDATE.SCORE, RCA_CANDIDATE.CONTRIBUTIONS)
                .from(RCA_CANDIDATE).join(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(RCA_CANDIDATE.RESOURCE_ID))
                .where(RCA_CANDIDATE.RUN_ID.eq(runId)).orderBy(RCA_CANDIDATE.RANK)
                .fetch(r -> new Candidate(r.value1(), r.value2(), r.value3(), parse(r.value4())));
        JSONB explanation = run.get(RCA_RUN.EXPLANATION);
        return new StoredDiagnosis(runId, reused, run.get(RCA_RUN.METHOD), ranking, new StoredJson(explanation == null ? null : explanation.data()),
                run.get(RCA_RUN.DURATION_MS));
    }

    private long store(RcaRequest request, long frontendId, String inputHash, Diagnosis diagnosis, double durationMs) {
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            Long runId = t.insertInto(RCA_RUN)
                    .set(RCA_RUN.TENANT_ID, request.tenantId())
                    .set(RCA_RUN.EVENT_ID, request.eventId().orElse(null))
                    .set(RCA_RUN.METHOD, request.method())
                    .set(RCA_RUN.FRONTEND_RESOURCE_ID, frontendId)
                    .set(RCA_RUN.WINDOW_FROM, request.from().atOffset(ZoneOffset.UTC))
                    .set(RCA_RUN.WINDOW_TO, request.to().atOffset(ZoneOffset.UTC))
                    .set(RCA_RUN.ANOMALY_START, request.anomalyStart().map(s -> s.atOffset(ZoneOffset.UTC)).orElse(null))
                    .set(RCA_RUN.INPUT_HASH, inputHash)
                    .set(RCA_RUN.STATUS, "succeeded")
                    .set(RCA_RUN.EXPLANATION, jsonb(diagnosis.explanation()))
                    .set(RCA_RUN.DURATION_MS, durationMs)
                    // A concurrent identical request stored it first: read that one back.
                    .onConflictOnConstraint(DSL.name("rca_run_input_uq")).doNothing()
                    .returningResult(RCA_RUN.RUN_ID)
                    .fetchOne(RCA_RUN.RUN_ID);
            if (runId == null) {
                return t.select(RCA_RUN.RUN_ID).from(RCA_RUN).where(RCA_RUN.TENANT_ID.eq(request.tenantId()))
                        .and(RCA_RUN.INPUT_HASH.eq(inputHash)).fetchSingle(RCA_RUN.RUN_ID);
            }
            Map<String, Long> ids = new java.util.HashMap<>();
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
            request.eventId().ifPresent(eventId -> recordForIncident(t, request, eventId, runId, diagnosis, ids));
            return runId;
        });
    }

    /** The incident's anomaly profile (for similar-incident search) and evidence: the ranking and the top causes' metrics. */
    private void recordForIncident(DSLContext t, RcaRequest request, UUID eventId, long runId, Diagnosis diagnosis, Map<String, Long> ids) {
        String vector = AnomalyProfileVector.text(AnomalyProfileVector.of(diagnosis.explanation().metricContributions(), PROFILE_DIMENSION));
        // jOOQ does not know pgvector's type (the column is typed Object, which makes set(field, value) ambiguous):
        // the vector goes in as text cast in SQL, through the map form of set.
        Map<org.jooq.Field<?>, Object> values = Map.of(
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
            byType.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(strongest -> store.link(eventId, "metric",
                    Map.of("table", "metric_1m", "resource_id", ids.get(candidate.service()), "metric", strongest.getKey(),
                            "from", request.from().toString(), "to", request.to().toString()),
                    null, candidate.score(), "strongest anomaly of candidate " + candidate.service()));
        }
    }

    private static String inputHash(RcaRequest request, String dataVersion) {
        String input = String.join("|", request.method(), request.frontendUrn(), request.from().toString(), request.to().toString(),
                request.anomalyStart().map(Instant::toString).orElse("-"), request.eventId().map(UUID::toString).orElse("-"), dataVersion);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static JSONB jsonb(Object value) {
        try {
            return JSONB.valueOf(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-serialisable: " + value, e);
        }
    }

    private static JsonNode parse(JSONB value) {
        return value == null ? Json.MAPPER.createObjectNode() : Json.read(value.data(), JsonNode.class, "stored");
    }
}
