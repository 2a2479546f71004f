package io.rootscope.backend.rca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.Lesson;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.RootCauseMethod;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.incident.IncidentListener;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.refusal.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.jooq.DSLContext;

/**
 * Root-cause diagnoses over stored metrics, log events and spans: the orchestration, holding no SQL (windows are read by
 * {@link DiagnosisWindowLoader}, runs kept by {@link DiagnosisRunStore}). An incident has one stored diagnosis
 * ({@code rca_run}, {@code rca_candidate}, its anomaly profile and evidence links), made when it opens ({@link #listener})
 * or on request ({@link #rediagnose}); panels only read: they get the incident's stored run when its inputs are unchanged,
 * else an ad-hoc diagnosis computed over the read-only pool and kept in a bounded memory cache. Both are keyed by the
 * inputs — method, front-end, window, anomaly start, incident, the times left out of its normal period, the revisions of
 * the data in the window and the version of the tenant's lessons — so unchanged inputs are never computed twice. Learning
 * methods recall their tenant's lessons (confirmed root causes, {@code learned_lesson}) before each diagnosis, and the
 * stored run records which version it used.
 */
public final class RcaService {

    public static final Duration NORMAL_LOOKBACK_DEFAULT = Duration.ofMinutes(20);
    public static final Duration ANOMALY_SPAN_DEFAULT = Duration.ofMinutes(10);
    public static final int PROFILE_DIMENSION = 64;

    /**
     * A diagnosis request; {@code eventId} ties it to an incident. {@code excluded}: times in [from, anomaly start) left out of
     * the normal period ({@link NormalPeriod}).
     */
    public record RcaRequest(String tenant, long tenantId, Optional<UUID> eventId, String frontendUrn, Instant from, Instant to,
                             Optional<Instant> anomalyStart, String method, List<NormalPeriod.TimeRange> excluded) {

        public RcaRequest {
            excluded = List.copyOf(excluded);
        }

        /** A request over [from, to) without excluded time. */
        public RcaRequest(String tenant, long tenantId, Optional<UUID> eventId, String frontendUrn, Instant from, Instant to,
                          Optional<Instant> anomalyStart, String method) {
            this(tenant, tenantId, eventId, frontendUrn, from, to, anomalyStart, method, List.of());
        }
    }

    public record Candidate(int rank, String urn, double score, JsonNode contributions) {
    }

    /**
     * A diagnosis as panels show it. {@code runId} is the stored run (an incident's), null for an ad-hoc one;
     * {@code inputHash} identifies its inputs either way; {@code reused} when it was read back rather than computed now.
     */
    public record RankedDiagnosis(Long runId, String inputHash, boolean reused, String method, List<Candidate> ranking,
                                  StoredJson explanation, double durationMs, LearningVersion learning) {

        RankedDiagnosis asReused() {
            return new RankedDiagnosis(runId, inputHash, true, method, ranking, explanation, durationMs, learning);
        }
    }

    /** What confirming a root cause taught the learning method that diagnosed the incident. */
    public record Taught(String method, Lesson lesson) {
    }

    private final DSLContext writer;
    private final DiagnosisWindowLoader loader;
    private final Duration normalLookback;
    private final Duration anomalySpan;
    /** How long after a moment its data is stored (the ETL's window, delay and tick): when an incident's window is complete. */
    private final Duration storeLag;
    private final DiagnosisPermits permits;
    private final DiagnosisCache cache;
    /** Whether each stored incident diagnosis also writes its message to the {@link DiagnosisOutbox}. */
    private final boolean publishDiagnoses;
    /** Ad-hoc diagnoses being computed, by tenant and input hash. */
    private final Map<String, CompletableFuture<RankedDiagnosis>> inFlight = new ConcurrentHashMap<>();
    /**
     * One instance per tenant and method, used under its lock (methods are not thread-safe): the AutoMAP walks draw from
     * their instance's seeded random stream, so one tenant's diagnoses do not move another's. Nothing is learned here:
     * before each diagnosis the instance recalls its tenant's stored lessons ({@link LearnedHistory}).
     */
    private final Map<String, RootCauseMethod> methods = new ConcurrentHashMap<>();
    private final LearnedHistory history = new LearnedHistory();

    public RcaService(DSLContext writer) {
        this(writer, new DiagnosisWindowLoader(writer), NORMAL_LOOKBACK_DEFAULT, ANOMALY_SPAN_DEFAULT, DiagnosisSettings.defaults());
    }

    /** @param loader how diagnoses read stored metrics; panels use it {@linkplain DiagnosisWindowLoader#on on} their own connection */
    public RcaService(DSLContext writer, DiagnosisWindowLoader loader, Duration normalLookback, Duration anomalySpan,
                      DiagnosisSettings settings) {
        this(writer, loader, normalLookback, anomalySpan, Duration.ZERO, settings, false);
    }

    /**
     * @param storeLag         how long after a moment its data is stored: an incident is diagnosed again that long after
     *                         its window's end
     * @param publishDiagnoses whether every stored incident diagnosis is also written to the {@link DiagnosisOutbox}
     */
    public RcaService(DSLContext writer, DiagnosisWindowLoader loader, Duration normalLookback, Duration anomalySpan,
                      Duration storeLag, DiagnosisSettings settings, boolean publishDiagnoses) {
        this.publishDiagnoses = publishDiagnoses;
        this.writer = writer;
        this.loader = loader;
        this.normalLookback = normalLookback;
        this.anomalySpan = anomalySpan;
        this.storeLag = storeLag;
        this.permits = new DiagnosisPermits(settings);
        this.cache = new DiagnosisCache(settings.cacheBytes());
    }

    /**
     * The window diagnosed for an incident that started at {@code start}: a normal period before it without the tenant's
     * earlier incidents ({@link NormalPeriod}, read through {@code db}), the anomaly after.
     */
    public RcaRequest forIncident(DSLContext db, String tenant, long tenantId, UUID eventId, String frontendUrn, Instant start,
                                  String method) {
        Instant to = start.plus(anomalySpan);
        Instant now = Instant.now();
        NormalPeriod normal = NormalPeriod.choose(start, normalLookback, IncidentLookup.closedBetween(db, tenantId, eventId,
                start.minus(normalLookback.multipliedBy(NormalPeriod.REACH)), start));
        return new RcaRequest(tenant, tenantId, Optional.of(eventId), frontendUrn, normal.from(), to.isAfter(now) ? now : to,
                Optional.of(start), method, normal.excluded());
    }

    /**
     * A panel's diagnosis, read through {@code reader} and writing nothing: the stored run of the same inputs (an incident's),
     * else a cached ad-hoc one, else computed now in one of the limited slots.
     *
     * @throws io.rootscope.backend.refusal.BusyException when every slot stays taken for the queue wait
     */
    public RankedDiagnosis find(DSLContext reader, RcaRequest request) {
        DiagnosisRunStore runs = new DiagnosisRunStore(reader);
        validate(runs, request);
        DiagnosisWindowLoader readerLoader = loader.on(reader);
        DiagnosisWindowLoader.Version version = version(readerLoader, request);
        LearnedHistory.Learned learned = history.current(reader, request.tenantId(), method(request).name());
        String inputHash = inputHash(request, version.dataVersion(), learned.version());
        // Only incidents have stored runs; a front-end over a range is looked up in memory alone.
        Optional<RankedDiagnosis> stored = request.eventId().isPresent()
                ? runs.byInputHash(request.tenantId(), inputHash) : Optional.empty();
        Optional<RankedDiagnosis> known = stored.or(() -> cache.get(request.tenantId(), inputHash).map(RankedDiagnosis::asReused));
        if (known.isPresent()) {
            return known.get();
        }
        // Panels of one dashboard ask at once (the workbench's rca and behavior_graph): one computes, the others wait for it.
        String key = request.tenantId() + ":" + inputHash;
        CompletableFuture<RankedDiagnosis> mine = new CompletableFuture<>();
        CompletableFuture<RankedDiagnosis> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return awaitOther(running);
        }
        try {
            RankedDiagnosis computed = permits.run(() -> {
                long started = System.nanoTime();
                Diagnosis diagnosis = rank(readerLoader, request, version, learned);
                return adHoc(inputHash, diagnosis, (System.nanoTime() - started) / 1e6, learned.version());
            });
            cache.put(request.tenantId(), inputHash, computed);
            mine.complete(computed);
            return computed;
        } catch (RuntimeException | Error e) {
            // Errors too: the requests waiting for this one must not wait forever.
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** The diagnosis another request is computing for the same inputs; its failure (a refusal included) is this one's. */
    private static RankedDiagnosis awaitOther(CompletableFuture<RankedDiagnosis> running) {
        try {
            return running.join().asReused();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Diagnoses an incident and makes the result its stored diagnosis (replacing the previous one), unless a run of the same
     * inputs is stored already, or one was stored while this call waited for its turn: diagnoses of one incident take turns
     * on its row across replicas, so concurrent requests store one diagnosis. The re-diagnosis API's path.
     */
    public RankedDiagnosis diagnoseIncident(RcaRequest request) {
        return diagnoseIncident(request, false).orElseThrow();
    }

    /**
     * The diagnosis of a new incident, made by whichever replica or thread takes the incident's row first: at once, from
     * as much of its window as there is, then again once the whole window is stored. Empty when the stored diagnosis covers
     * as much of the window as this one would (or a first one exists while the window is still partial), when another is
     * being made now, or when the incident is gone.
     */
    Optional<RankedDiagnosis> diagnoseNewIncident(RcaRequest request) {
        return diagnoseIncident(request, true);
    }

    private Optional<RankedDiagnosis> diagnoseIncident(RcaRequest request, boolean onlyNew) {
        UUID eventId = request.eventId().orElseThrow(() -> new IllegalArgumentException("an incident diagnosis needs the incident's event id"));
        Instant anomalyStart = request.anomalyStart().orElseThrow(() -> new IllegalArgumentException("an incident diagnosis needs its anomaly start"));
        long frontendId = validate(new DiagnosisRunStore(writer), request);
        Optional<Long> before = new DiagnosisRunStore(writer).incidentRunId(request.tenantId(), eventId);
        Instant windowEnd = anomalyStart.plus(anomalySpan);
        boolean partial = request.to().isBefore(windowEnd);
        // The incident's row stays locked while its diagnosis is made: a replica that dies meanwhile leaves it to the next.
        try {
            return writer.transactionResult(tx -> {
                DiagnosisRunStore stored = new DiagnosisRunStore(tx.dsl(), publishDiagnoses);
                if (!stored.lockIncident(eventId, onlyNew)) {
                    if (onlyNew) {
                        return Optional.empty();
                    }
                    throw new InvalidInputException("event_id", "no incident " + eventId + " in this tenant");
                }
                // Rolled back with the diagnosis if it fails: the note stays for the sweep. A diagnosis of the anomaly's first
                // seconds is not the incident's last: what the incident keeps (evidence, runbooks, lessons, the published
                // message) must come from the window its panels show, so it is due again once that is stored.
                if (partial) {
                    stored.noteDueAgain(request, eventId, anomalyStart, windowEnd.plus(storeLag));
                } else {
                    stored.forgetDue(eventId);
                }
                Optional<Long> current = stored.incidentRunId(request.tenantId(), eventId);
                boolean covered = current.isPresent() && (partial || stored.incidentRun(request.tenantId(), eventId)
                        .filter(run -> !run.to().isBefore(request.to())).isPresent());
                if (onlyNew ? covered : current.isPresent() && !current.equals(before)) {
                    return onlyNew ? Optional.empty() : stored.byRun(request.tenantId(), current.get());
                }
                return Optional.of(diagnoseLocked(stored, request, eventId, frontendId));
            });
        } catch (NoData e) {
            if (onlyNew && !partial) {
                // Its whole window is stored and holds nothing (all telemetry stopped, as when calls disappear): no later
                // attempt can do better, so the note goes rather than be swept again until it expires.
                new DiagnosisRunStore(writer).forgetDue(eventId);
            }
            throw e;
        }
    }

    private RankedDiagnosis diagnoseLocked(DiagnosisRunStore stored, RcaRequest request, UUID eventId, long frontendId) {
        long started = System.nanoTime();
        DiagnosisWindowLoader.Version version = version(loader, request);
        LearnedHistory.Learned learned = history.current(writer, request.tenantId(), method(request).name());
        String inputHash = inputHash(request, version.dataVersion(), learned.version());
        Optional<RankedDiagnosis> same = stored.byInputHash(request.tenantId(), inputHash);
        if (same.isPresent()) {
            return same.get();
        }
        Diagnosis diagnosis = rank(loader, request, version, learned);
        DiagnosisRunStore.StoredRun run = stored.replace(request, eventId, frontendId, inputHash, diagnosis, (System.nanoTime() - started) / 1e6,
                learned.version());
        RankedDiagnosis result = stored.byRun(request.tenantId(), run.runId()).orElseThrow();
        return run.created() ? new RankedDiagnosis(result.runId(), inputHash, false, result.method(), result.ranking(),
                result.explanation(), result.durationMs(), result.learning()) : result;
    }

    /** {@link #diagnoseIncident} on request (the re-diagnosis API), in one of the limited slots: a refused request writes nothing. */
    public RankedDiagnosis rediagnose(RcaRequest request) {
        return permits.run(() -> diagnoseIncident(request));
    }

    /** The diagnosis of each new incident ({@link #diagnoseNewIncident}) as an {@link IncidentListener}. */
    public IncidentListener listener(String method, LongFunction<String> tenantCode) {
        return (eventId, tenantId, frontendUrn, anomalyStart) ->
                diagnoseNewIncident(forIncident(writer, tenantCode.apply(tenantId), tenantId, eventId, frontendUrn, anomalyStart, method));
    }

    /**
     * What confirming {@code rootCauseUrn} teaches the method of the incident's stored diagnosis, over that diagnosis'
     * window, in one of the limited slots (it ranks the window once per metric type). Empty when the incident has no
     * stored diagnosis, its method does not learn, its window's data is gone, or the cause is not a service of it.
     */
    public Optional<Taught> lesson(long tenantId, UUID eventId, String rootCauseUrn) {
        return new DiagnosisRunStore(writer).incidentRun(tenantId, eventId).flatMap(run -> permits.run(() -> {
            RootCauseMethod method = RootCauseMethods.create(run.method(), Map.of());
            if (!method.learns()) {
                return Optional.<Taught>empty();
            }
            return loader.version(tenantId, run.from(), run.to())
                    .flatMap(version -> loader.load(tenantId, run.frontendUrn(), run.from(), run.to(), run.anomalyStart(),
                            run.excluded(), version))
                    .flatMap(loaded -> method.lesson(loaded.window(), rootCauseUrn))
                    .map(lesson -> new Taught(method.name(), lesson));
        }));
    }

    /** A stored run of the tenant, read through {@code db}; empty for another tenant's run. */
    public Optional<RankedDiagnosis> byRun(DSLContext db, long tenantId, long runId) {
        return new DiagnosisRunStore(db).byRun(tenantId, runId);
    }

    /** How many ad-hoc diagnoses are held in memory, and their estimated bytes. */
    public record CacheUse(int entries, long bytes) {
    }

    public CacheUse cacheUse() {
        return new CacheUse(cache.size(), cache.bytes());
    }

    /** @return the front-end's resource id */
    private static long validate(DiagnosisRunStore runs, RcaRequest request) {
        if (!RootCauseMethods.names().contains(request.method())) {
            throw new InvalidInputException("payload.method", "unknown method '" + request.method() + "'; known: " + RootCauseMethods.names());
        }
        return runs.resourceId(request.tenantId(), request.frontendUrn())
                .orElseThrow(() -> new InvalidInputException("payload.frontend", "unknown resource '" + request.frontendUrn() + "'"));
    }

    /** The data's fingerprint first: an unchanged window is read back without loading its series. */
    private static DiagnosisWindowLoader.Version version(DiagnosisWindowLoader loader, RcaRequest request) {
        return loader.version(request.tenantId(), request.from(), request.to()).orElseThrow(() -> new NoData(request));
    }

    private Diagnosis rank(DiagnosisWindowLoader loader, RcaRequest request, DiagnosisWindowLoader.Version version,
                           LearnedHistory.Learned learned) {
        DiagnosisWindowLoader.Loaded loaded = loader.load(request.tenantId(), request.frontendUrn(),
                request.from(), request.to(), request.anomalyStart(), request.excluded(), version).orElseThrow(() -> new NoData(request));
        RootCauseMethod method = method(request);
        synchronized (method) {
            method.recall(learned.lessons());
            return method.rank(loaded.window());
        }
    }

    /** The tenant's instance of the request's method (its name is the learner's: "default" learns as its method). */
    private RootCauseMethod method(RcaRequest request) {
        return methods.computeIfAbsent(request.tenantId() + "/" + request.method(), key -> RootCauseMethods.create(request.method(), Map.of()));
    }

    /** The request's window holds no data: a refusal like any other, told apart so an incident's note can go. */
    private static final class NoData extends InvalidInputException {
        NoData(RcaRequest request) {
            super("range", "no service metrics, log events or spans are stored between " + request.from() + " and " + request.to());
        }
    }

    /** A computed diagnosis in the shape a stored one is read back in. */
    private static RankedDiagnosis adHoc(String inputHash, Diagnosis diagnosis, double durationMs, LearningVersion learning) {
        List<Candidate> ranking = new ArrayList<>();
        int rank = 0;
        for (RankedService candidate : diagnosis.ranking()) {
            Map<String, Double> contributions = diagnosis.explanation().metricContributions().getOrDefault(candidate.service(), Map.of());
            ranking.add(new Candidate(++rank, candidate.service(), candidate.score(), Json.MAPPER.valueToTree(contributions)));
        }
        return new RankedDiagnosis(null, inputHash, false, diagnosis.method(), List.copyOf(ranking),
                new StoredJson(json(diagnosis.explanation())), durationMs, learning);
    }

    /** The learning is an input: a confirmation since makes the next diagnosis a new one. */
    private static String inputHash(RcaRequest request, String dataVersion, LearningVersion learning) {
        String input = String.join("|", request.method(), request.frontendUrn(), request.from().toString(), request.to().toString(),
                request.anomalyStart().map(Instant::toString).orElse("-"), request.eventId().map(UUID::toString).orElse("-"), dataVersion,
                learning.toString(), request.excluded().toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-serialisable: " + value, e);
        }
    }
}
