package io.rootscope.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.config.DatabaseConfig;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.etl.prometheus.MetricQuery;
import io.rootscope.backend.etl.prometheus.PrometheusClient;
import io.rootscope.backend.testing.RepositoryRoot;
import io.rootscope.backend.testing.TcpProxy;
import io.rootscope.backend.testing.TestDatabase;
import io.rootscope.demo.BackendClient;
import io.rootscope.demo.DemoStack;
import io.rootscope.demo.Diagnosis;
import io.rootscope.demo.FaultPlan;
import io.rootscope.demo.Frame;
import io.rootscope.demo.Incident;
import io.rootscope.demo.IncidentWatcher;
import io.rootscope.demo.StackSettings;
import io.rootscope.demo.WorkloadClient;
import io.rootscope.workload.fault.FaultType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole stack on an isolated database: a real Prometheus scraping the Sock Shop simulator every second, the
 * backend's ETL, detection and AutoMAP diagnosis, asked through the JSON protocol as Grafana would. The database
 * is reached through a proxy so that an outage can be staged without disturbing other tests on the same server.
 *
 * <p>One fault of every type is injected, one after another, each into a different service drawn with a seeded
 * {@link Random} among those the type can be injected into (an exception needs a Java application). The entry service
 * is not drawn: AutoMAP's walk starts there, so ranking it first would not show that the walk finds a cause. The
 * code-level fault ({@link FaultType#JVM_EXCEPTION}) leaves CPU, memory and latency as they were: its incident comes
 * from the logs and spans (or from the callers' availability).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    static final long SEED = 20_261_122L;
    static final Duration OUTAGE = Duration.ofSeconds(20);
    static final Duration OUTAGE_AFTER = Duration.ofSeconds(20);
    /** How long the ETL may take to fill the outage's windows once the database is back. */
    static final Duration RESUME_LIMIT = Duration.ofSeconds(90);
    static final Duration INCIDENT_LIMIT = Duration.ofMinutes(2);
    static final Duration FAULT_DURATION = Duration.ofMinutes(3);
    /**
     * The longest wait for every incident to close after a fault is cancelled: the stack's PromQL rates span
     * 15 s, so a fault's signal outlasts it by that much, plus an ETL window. Incidents may stay open longer (a
     * leak's memory stays taken, as in a real process, and hysteresis needs normal points against a baseline the
     * fault has shifted); the next fault's incident is told apart by its start.
     */
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(20);
    static final Duration POLL = Duration.ofSeconds(2);
    /** How long before its injection a fault's incident may start: a log or span step plus a simulator tick, with room. */
    static final Duration STEP_BEFORE_INJECTION = Duration.ofSeconds(5);
    /** Metrics that every service reports at every step. */
    static final List<String> DENSE_METRICS = List.of("throughput", "cpu", "memory");
    static final Path RUNBOOK_EVIDENCE = Path.of("target", "runbook-evidence.json");

    /**
     * @param reportedAt when the incident was first in the incidents answer
     * @param opened     every incident that started after the injection, read once the fault was cancelled and settled
     */
    record Injection(FaultPlan plan, Instant injectedAt, Optional<Diagnosis> diagnosis, Instant reportedAt, List<Incident> opened) {

        /** From the injection to the start of the anomaly, as the incident dates it. */
        Optional<Duration> timeToOnset() {
            return diagnosis.map(d -> Duration.between(injectedAt, d.incident().startedAt()));
        }

        Optional<Duration> timeToReport() {
            return diagnosis.map(d -> Duration.between(injectedAt, reportedAt));
        }
    }

    private static TestDatabase database;
    private static TcpProxy proxy;
    private static DemoStack stack;
    private static BackendClient backend;
    private static WorkloadClient workload;
    private static String namespace;
    private static Instant outageFrom;
    private static Instant outageTo;
    private static final List<Injection> injections = new ArrayList<>();
    /** Each diagnosed incident's stored diagnosis as the runbooks query reads it, by {@link #recordRunbookEvidence}. */
    private static final List<String> runbookEvidence = new ArrayList<>();

    @BeforeAll
    static void startStack() throws Exception {
        database = TestDatabase.createEmpty();
        String jdbcUrl = TestDatabase.server().jdbcUrl(database.name());
        proxy = new TcpProxy(URI.create(jdbcUrl.substring("jdbc:".length())).getPort());
        String proxied = jdbcUrl.replaceFirst(":\\d+/", ":" + proxy.port() + "/");
        DatabaseSettings writer = database.settings(TestDatabase.APP_ROLE, "rootscope");
        DatabaseSettings reader = database.readerSettings();
        // The starter runbooks, as ./rootscope serve loads them.
        BackendConfig config = database.backendConfig(Map.of(ConfigKey.RUNBOOKS_DIR.key(),
                RepositoryRoot.find().resolve("provisioning/runbooks").toString())).withDatabase(new DatabaseConfig(
                new DatabaseSettings(proxied, writer.user(), writer.password(), writer.maxPoolSize()),
                new DatabaseSettings(proxied, reader.user(), reader.password(), reader.maxPoolSize())));
        // The demo's warm-up, not less: the first diagnosis compares its anomaly with everything before it, and a
        // shorter history holds less than one garbage-collection cycle of the quieter databases, whose memory
        // then looks anomalous.
        stack = DemoStack.start(config, StackSettings.FAST, DemoStack.TENANT_DEFAULT, EndToEndTest::log);
        backend = stack.backend();
        workload = stack.workload();
        namespace = workload.namespace();
    }

    @AfterAll
    static void stopStack() throws Exception {
        printFigures();
        if (!runbookEvidence.isEmpty()) {
            Files.writeString(RUNBOOK_EVIDENCE, "[\n" + String.join(",\n", runbookEvidence) + "\n]\n");
            log("the incidents' runbook evidence written to " + RUNBOOK_EVIDENCE.toAbsolutePath());
        }
        if (stack != null) {
            stack.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void aDatabaseOutageDuringTheWarmupLosesNoSamples() throws Exception {
        Thread.sleep(OUTAGE_AFTER.toMillis());
        outageFrom = Instant.now();
        proxy.cut();
        log("database cut off for " + OUTAGE.toSeconds() + " s");
        Thread.sleep(OUTAGE.toMillis());
        proxy.start();
        outageTo = Instant.now();
        log("database reachable again");
        // Whole seconds, as the ETL's one-second query steps fall.
        Instant checkFrom = outageFrom.minus(OUTAGE).truncatedTo(ChronoUnit.SECONDS);
        Instant checkTo = outageTo.plus(OUTAGE).truncatedTo(ChronoUnit.SECONDS);
        // Windows that failed during the outage are retried after a back-off: give the ETL time to resume them.
        Instant deadline = Instant.now().plus(RESUME_LIMIT);
        for (String metric : DENSE_METRICS) {
            long answered = prometheusPoints(metric, checkFrom, checkTo);
            long stored = storedSamples(metric, checkFrom, checkTo);
            while (stored != answered && Instant.now().isBefore(deadline)) {
                Thread.sleep(POLL.toMillis());
                answered = prometheusPoints(metric, checkFrom, checkTo);
                stored = storedSamples(metric, checkFrom, checkTo);
            }
            log(metric + " around the outage: Prometheus answers " + answered + " points, metric_sample holds " + stored);
            assertTrue(answered > 0, "Prometheus has no " + metric + " around the outage");
            assertEquals(answered, stored, metric + " points not in metric_sample " + RESUME_LIMIT.toSeconds() + " s after the outage, in "
                    + checkFrom + " - " + checkTo + " (database down " + outageFrom + " - " + outageTo + ")");
        }
    }

    @Test
    @Order(2)
    void everyFaultTypeOpensAnIncidentWhoseDiagnosisRanksTheInjectedServiceInTheTopThree() throws Exception {
        stack.awaitWarmup(Duration.ofSeconds(10), EndToEndTest::log);
        List<String> targets = new ArrayList<>(workload.services());
        targets.remove(workload.entryService());
        Collections.shuffle(targets, new Random(SEED));
        for (FaultType type : FaultType.values()) {
            List<String> accepting = workload.services(type);
            String target = targets.stream().filter(accepting::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("no service left for " + type + " among " + targets));
            targets.remove(target);
            injections.add(inject(FaultPlan.of(type, target, FAULT_DURATION)));
        }
        List<String> failures = new ArrayList<>();
        for (Injection injection : injections) {
            String what = injection.plan().type() + " on " + injection.plan().target();
            if (injection.diagnosis().isEmpty()) {
                failures.add(what + ": no incident within " + INCIDENT_LIMIT.toSeconds() + " s");
                continue;
            }
            int rank = rank(injection);
            if (rank < 1 || rank > 3) {
                failures.add(what + ": ranked " + (rank == 0 ? "nowhere" : rank) + " in " + injection.diagnosis().get().ranking());
            }
            // A code fault must be found in the logs too, whatever the metrics showed first.
            String newTemplate = "new ERROR template on " + injection.plan().target() + ": ";
            if (injection.plan().type() == FaultType.JVM_EXCEPTION && injection.opened().stream()
                    .noneMatch(i -> i.resource().equals(urn(injection.plan().target())) && i.title().startsWith(newTemplate))) {
                failures.add(what + ": no incident from its new error template among "
                        + injection.opened().stream().map(Incident::title).toList());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * Every diagnosed incident answers runbooks, each listed once (for its highest cause), and the runbook written for the
     * injected fault type is among its first three. When the diagnosis ranked another cause first (the ranking's own
     * figure, asserted above), the first rows serve that cause: the runbook must then be listed for a cause ranked no
     * lower than the injected service.
     */
    @Test
    @Order(3)
    void everyDiagnosedIncidentAnswersItsFaultTypesRunbookInTheTopThree() {
        assertFalse(diagnosed().isEmpty(), "no diagnosis to check");
        List<String> failures = new ArrayList<>();
        for (Injection injection : injections) {
            injection.diagnosis().ifPresent(diagnosis -> {
                String what = injection.plan().type() + " on " + injection.plan().target();
                List<String> answered = diagnosis.runbooks().texts("runbook");
                if (answered.isEmpty() || answered.size() != new HashSet<>(answered).size()) {
                    failures.add(what + ": runbooks " + answered);
                }
                String runbook = runbookOf(injection.plan().type());
                int rank = diagnosis.runbookRank(runbook);
                int causeRank = diagnosis.runbookCauseRank(runbook);
                if (!(rank >= 1 && rank <= 3 || causeRank >= 1 && causeRank <= rank(injection))) {
                    failures.add(what + ": its runbook \"" + runbook + "\" ranked " + rank + " (cause " + causeRank
                            + ", the injected service ranked " + rank(injection) + ") in " + answered);
                }
            });
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The starter runbook (provisioning/runbooks) written for a fault type. */
    private static String runbookOf(FaultType type) {
        return switch (type) {
            case CPU_STRESS -> "CPU saturation of a Kubernetes service";
            case MEMORY_LEAK -> "Memory leak of a Kubernetes service";
            case NETWORK_DELAY -> "Network delay to or from a Kubernetes service";
            case PACKET_LOSS -> "Packet loss to or from a Kubernetes service";
            case HTTP_ABORT -> "HTTP errors and aborted requests of a Kubernetes service";
            case POD_KILL -> "Pod crash, kill or restart loop of a Kubernetes service";
            case JVM_EXCEPTION -> "Code exceptions in a Kubernetes service";
        };
    }

    @Test
    @Order(4)
    void everyEvidenceChainIsNonEmptyAndItsLinksResolve() {
        assertFalse(diagnosed().isEmpty(), "no diagnosis to check");
        for (Diagnosis diagnosis : diagnosed()) {
            Frame evidence = diagnosis.evidence();
            assertTrue(evidence.length() > 0, "empty evidence chain for " + diagnosis.incident());
            for (String link : evidence.texts("link")) {
                assertLinkResolves(link);
            }
        }
    }

    @Test
    @Order(5)
    void theReconstructedCallTopologyEqualsTheSimulatorsCallGraph() throws Exception {
        Set<String> expected = workload.calls().stream()
                .map(call -> urn(call.caller()) + " -> " + urn(call.callee()))
                .collect(Collectors.toSet());
        Instant now = Instant.now();
        List<Frame> frames = backend.query("topology", Map.of("relation", "CALLS"), now.minus(Duration.ofMinutes(15)), now);
        Frame edges = frames.stream().filter(f -> f.name().equals("edges")).findFirst()
                .orElseThrow(() -> new AssertionError("no edges frame in " + frames.stream().map(Frame::name).toList()));
        Set<String> actual = new HashSet<>();
        for (int row = 0; row < edges.length(); row++) {
            actual.add(edges.text("source", row) + " -> " + edges.text("target", row));
        }
        assertEquals(new TreeSet<>(expected), new TreeSet<>(actual));
    }

    @Test
    @Order(6)
    void theAnnotationsAnswerContainsEveryIncident() throws Exception {
        assertFalse(diagnosed().isEmpty(), "no incident to look for");
        Instant now = Instant.now();
        Frame annotations = backend.first("annotations", Map.of("status", "all"), now.minus(Duration.ofHours(1)), now);
        List<String> annotated = annotations.texts("event_id");
        for (Diagnosis diagnosis : diagnosed()) {
            assertTrue(annotated.contains(diagnosis.incident().eventId()), diagnosis.incident() + " not in " + annotated);
        }
    }

    /**
     * Injects a fault, waits for its incident, cancels the fault once the diagnosis' anomaly span has passed
     * (the diagnosis waits for the ETL to ingest that span, the system recovers meanwhile), then lets it settle.
     */
    private static Injection inject(FaultPlan plan) throws Exception {
        IncidentWatcher watcher = new IncidentWatcher(backend);
        WorkloadClient.InjectedFault fault = workload.inject(plan);
        log("injected " + plan.type() + " on " + plan.target());
        Optional<Incident> incident = watcher.awaitNew(fault.requestedAt(), INCIDENT_LIMIT, POLL, message -> { });
        Instant reportedAt = Instant.now();
        Optional<Diagnosis> diagnosis = Optional.empty();
        if (incident.isPresent()) {
            sleepUntil(incident.get().startedAt().plus(stack.settings().rcaAnomalySpan()));
            workload.cancel(fault);
            diagnosis = Optional.of(stack.diagnose(incident.get()));
            recordRunbookEvidence(plan.type(), incident.get());
            log("incident on " + incident.get().resource() + " (" + incident.get().title() + "), top 3: " + diagnosis.get().ranking().stream().limit(3)
                    .map(Diagnosis.RankedCause::resource).toList() + ", runbooks: " + diagnosis.get().runbooks().texts("runbook"));
        } else {
            workload.cancel(fault);
        }
        Instant settling = Instant.now();
        boolean recovered = watcher.awaitNoneOpen(RECOVERY_LIMIT, POLL);
        log((recovered ? "every incident closed " : "incidents still open ") + Duration.between(settling, Instant.now()).toSeconds()
                + " s after the diagnosis");
        // A log or span step starts up to a step (2 s) before the events of the first faulty tick, themselves up to a tick
        // before the injection's request.
        Injection injection = new Injection(plan, fault.requestedAt(), diagnosis, reportedAt,
                incidentsSince(fault.requestedAt().minus(STEP_BEFORE_INJECTION)));
        log(row(injection) + "; opened: " + injection.opened().stream().map(i -> i.title() + " @" + i.startedAt()).toList());
        return injection;
    }

    /**
     * Records what the {@code runbooks} answer of an incident is built from: its alert text and, for its top three causes,
     * their contributions and the evidence the diagnosis linked to them, with the runbook its fault type should bring.
     * The fixtures of {@code RunbookRetrievalTest} ({@code knowledge/e2e-runs/}) are copies of the file they are
     * written to.
     */
    private static void recordRunbookEvidence(FaultType type, Incident incident) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT jsonb_pretty(jsonb_build_object('fault', ?::text, 'runbook', ?::text, 'title', ev.title, 'summary', ev.summary,
                            'causes', (SELECT jsonb_agg(jsonb_build_object('rank', c.rank, 'urn', r.urn, 'name', r.name, 'score', c.score,
                                              'contributions', c.contributions,
                                              'evidence', (SELECT coalesce(jsonb_agg(jsonb_build_object('dim', l.dim, 'ref', l.ref_pg,
                                                                  'score', l.score, 'note', l.note) ORDER BY l.score DESC NULLS LAST, l.evidence_id), '[]')
                                                             FROM rootscope.evidence_link l
                                                            WHERE l.event_id = ev.event_id AND (l.ref_pg ->> 'run_id')::bigint = run.run_id
                                                              AND (l.ref_pg ->> 'resource_id')::bigint = c.resource_id)) ORDER BY c.rank)
                                         FROM rootscope.rca_candidate c JOIN rootscope.dim_resource r ON r.resource_id = c.resource_id
                                        WHERE c.run_id = run.run_id AND c.rank <= 3)))
                       FROM rootscope.event_envelope ev
                       CROSS JOIN LATERAL (SELECT run_id FROM rootscope.rca_run WHERE event_id = ev.event_id AND status = 'succeeded'
                                            ORDER BY created_at DESC, run_id DESC LIMIT 1) run
                      WHERE ev.event_id = ?::uuid""")) {
            statement.setString(1, type.name());
            statement.setString(2, runbookOf(type));
            statement.setString(3, incident.eventId());
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    runbookEvidence.add(rows.getString(1));
                }
            }
        }
    }

    private static List<Incident> incidentsSince(Instant since) throws IOException, InterruptedException {
        Instant now = Instant.now();
        Frame incidents = backend.first("incidents", Map.of("status", "all"), since.minus(Duration.ofMinutes(1)), now.plus(Duration.ofMinutes(1)));
        List<Incident> opened = new ArrayList<>();
        for (int row = 0; row < incidents.length(); row++) {
            Incident incident = Incident.of(incidents, row);
            if (!incident.startedAt().isBefore(since)) {
                opened.add(incident);
            }
        }
        return opened;
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long wait = Duration.between(Instant.now(), instant).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static void assertLinkResolves(String link) {
        assertTrue(link != null && link.startsWith("/"), "not a relative Grafana path: " + link);
        URI uri = URI.create(link);
        if (uri.getPath().equals("/explore")) {
            String panes = query(uri, "panes");
            try {
                assertTrue(BackendClient.parseJson(panes).isObject(), "panes of " + link);
            } catch (IOException e) {
                fail("Explore link with unparsable panes: " + link + ": " + e.getMessage());
            }
        } else {
            assertTrue(uri.getPath().matches("/d/[a-z0-9-]+"), "not a dashboard path: " + link);
            assertTrue(uri.getQuery() != null && uri.getQuery().startsWith("var-"), "no dashboard variable in " + link);
        }
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    private static int rank(Injection injection) {
        return injection.diagnosis().map(d -> d.rankOf(urn(injection.plan().target()))).orElse(0);
    }

    private static String urn(String service) {
        return Urn.k8sService(namespace, service).format();
    }

    private static List<Diagnosis> diagnosed() {
        return injections.stream().flatMap(i -> i.diagnosis().stream()).toList();
    }

    /** The points Prometheus answers for the ETL's template of {@code metric} over [from, to), at the ETL's step. */
    private static long prometheusPoints(String metric, Instant from, Instant to) throws Exception {
        MetricQuery query = stack.settings().promQueries().stream()
                .filter(q -> q.metric().equals(metric)).findFirst().orElseThrow();
        return new PrometheusClient(stack.prometheusUrl()).queryRange(query.promql(), from, to.minusSeconds(1), Duration.ofSeconds(1))
                .stream().mapToLong(series -> series.points().size()).sum();
    }

    private static long storedSamples(String metric, Instant from, Instant to) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM metric_sample WHERE metric = ? AND ts >= ? AND ts < ?")) {
            statement.setString(1, metric);
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String row(Injection injection) {
        return String.format("%-14s %-14s %8s %8s %6s %8s", injection.plan().type(), injection.plan().target(),
                injection.timeToOnset().map(d -> d.toSeconds() + " s").orElse("none"),
                injection.timeToReport().map(d -> d.toSeconds() + " s").orElse("none"),
                injection.diagnosis().isPresent() ? Integer.toString(rank(injection)) : "-",
                injection.diagnosis().map(d -> Integer.toString(runbookRank(injection))).orElse("-"));
    }

    /** Where the injected fault type's starter runbook ranks in its incident's {@code runbooks} answer; 0: absent. */
    private static int runbookRank(Injection injection) {
        return injection.diagnosis().map(d -> d.runbookRank(runbookOf(injection.plan().type()))).orElse(0);
    }

    private static void printFigures() {
        if (injections.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder(String.format("%nend-to-end RCA (seed %d)%n%-14s %-14s %8s %8s %6s %8s%n",
                SEED, "fault", "target", "onset", "reported", "rank", "runbook"));
        injections.forEach(injection -> table.append(row(injection)).append('\n'));
        long top1 = injections.stream().filter(i -> rank(i) == 1).count();
        long top3 = injections.stream().filter(i -> rank(i) >= 1 && rank(i) <= 3).count();
        table.append(String.format("AC@1 %.2f  AC@3 %.2f  over %d injections%n", (double) top1 / injections.size(),
                (double) top3 / injections.size(), injections.size()));
        long runbookTop3 = injections.stream().filter(i -> runbookRank(i) >= 1 && runbookRank(i) <= 3).count();
        table.append(String.format("fault type's runbook in the top 3 of its incident's runbooks: %d of %d%n", runbookTop3, injections.size()));
        System.out.print(table);
    }

    private static void log(String message) {
        System.out.println("e2e " + Instant.now() + ": " + message);
    }
}
