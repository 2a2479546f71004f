package io.rootscope.backend.knowledge;

// Run (from the repository root):
//   ./rootscope bench runbooks [ROUNDS] [QUERIES]
// or by hand, as BackendBenchmark's header shows, with io.rootscope.backend.knowledge.RunbookBenchmark.

import io.rootscope.backend.db.SchemaMigrator;
import io.rootscope.backend.testing.RepositoryRoot;
import io.rootscope.backend.testing.StoredDiagnoses;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The runbook figures, on a database of its own: the sentence model's embedding throughput over the starter runbooks'
 * passages (chunks/s, in batches as {@code kb load} embeds a file, and one at a time as a query embeds its causes),
 * the time to load the folder, the {@code runbooks} query's latency over HTTP on loopback for an incident with a
 * stored diagnosis (three causes' symptoms embedded and searched per query; one client), and retrieval: where each fault
 * type's runbook ranks in the answer for the incidents of end-to-end runs ({@link E2eIncidents}), swept over the weight
 * of the alert text against the cause's own symptoms.
 */
public final class RunbookBenchmark {

    static final int ROUNDS_DEFAULT = 5;
    static final int QUERIES_DEFAULT = 200;
    static final double[] ALERT_WEIGHTS = {0, 0.25, 0.5, 0.75, 0.8, 0.875, 1, 1.125, 1.5, 2};

    private RunbookBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : ROUNDS_DEFAULT;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : QUERIES_DEFAULT;
        Path folder = RepositoryRoot.find().resolve("provisioning/runbooks");
        List<String> passages = passages(folder);
        SentenceEmbedder embedder = new SentenceEmbedder();

        long loading = System.nanoTime();
        embedder.embed("warm-up");
        System.out.printf("model load and first embedding: %.1f s%n", seconds(System.nanoTime() - loading));

        long batch = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            embedder.embedAll(passages);
        }
        double batchThroughput = passages.size() * rounds / seconds(System.nanoTime() - batch);
        System.out.printf("embedding, batches of a file's sections: %.1f chunks/s (%d chunks x %d rounds)%n",
                batchThroughput, passages.size(), rounds);
        long single = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            passages.forEach(embedder::embed);
        }
        System.out.printf("embedding, one chunk at a time: %.1f chunks/s%n", passages.size() * rounds / seconds(System.nanoTime() - single));

        try (TestDatabase database = TestDatabase.createEmpty()) {
            new SchemaMigrator(database.dataSource()).migrate();
            String tenant = StoredDiagnoses.newTenant(database.dataSource(), "bench");
            long load = System.nanoTime();
            RunbookLoader.LoadReport report = new RunbookLoader(DSL.using(database.dataSource(), SQLDialect.POSTGRES), embedder).load(folder, tenant);
            System.out.printf("kb load of %s: %s in %.1f s%n", folder, report, seconds(System.nanoTime() - load));

            String ranks = printRetrieval(DSL.using(database.dataSource(), SQLDialect.POSTGRES), tenant, embedder);

            Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.HOURS);
            UUID incident = StoredDiagnoses.create(database.dataSource(), tenant, "Anomalous memory on urn:k8s:svc:shop/carts", start,
                    "{\"memory\": 4.2, \"cpu\": 0.3, \"latency\": 0.2}", "{\"latency\": 1.0, \"rtt\": 0.8}",
                    "java.lang.OutOfMemoryError: Java heap space");
            try (TestBackend backend = new TestBackend(database, database.backendConfig(java.util.Map.of()))) {
                String body = TestBackend.queryBody(start.minus(1, ChronoUnit.HOURS), Instant.now(), "runbooks",
                        "{\"event_id\":\"" + incident + "\"}");
                for (int i = 0; i < 20; i++) {
                    backend.frames(body, tenant);
                }
                long[] millis = new long[queries];
                for (int i = 0; i < queries; i++) {
                    long sent = System.nanoTime();
                    backend.frames(body, tenant);
                    millis[i] = System.nanoTime() - sent;
                }
                Arrays.sort(millis);
                double p95 = millis[(int) Math.ceil(queries * 0.95) - 1] / 1e6;
                System.out.printf("runbooks query (3 causes, 3 runbooks each), %d queries, 1 client: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                        queries, millis[queries / 2] / 1e6, p95, millis[queries - 1] / 1e6);
                System.out.printf("summary: embedding %.1f chunks/s, runbooks query p95 %.1f ms, fault type's runbook rank (default weight): %s%n",
                        batchThroughput, p95, ranks);
            }
        }
    }

    /**
     * Prints each fault type's runbook rank in its e2e incident's answer (0: absent) for each alert weight, and the answers
     * at the default weight; returns the ranks at the default weight, each fault type's over the runs.
     */
    private static String printRetrieval(DSLContext db, String tenant, SentenceEmbedder embedder) {
        List<E2eIncidents.Incident> incidents = E2eIncidents.store(db, tenant);
        System.out.printf("runbook rank per fault type, e2e incidents, by the alert text's weight (default %s):%n%-8s",
                RunbookFinder.ALERT_WEIGHT_DEFAULT, "run");
        incidents.forEach(incident -> System.out.printf(" %15s", incident.run()));
        System.out.printf("%n%-8s", "weight");
        incidents.forEach(incident -> System.out.printf(" %15s", incident.fault()));
        System.out.printf(" %s%n", "top 3");
        for (double weight : ALERT_WEIGHTS) {
            RunbookFinder finder = new RunbookFinder(embedder, weight);
            System.out.printf("%-8s", weight);
            int top3 = 0;
            for (E2eIncidents.Incident incident : incidents) {
                int rank = E2eIncidents.rank(finder, db, tenant, incident);
                top3 += rank >= 1 && rank <= 3 ? 1 : 0;
                System.out.printf(" %15d", rank);
            }
            System.out.printf(" %d of %d%n", top3, incidents.size());
        }
        RunbookFinder finder = new RunbookFinder(embedder);
        Map<String, List<String>> ranks = new LinkedHashMap<>();
        for (E2eIncidents.Incident incident : incidents) {
            List<String> answer = finder.forIncident(db, tenant, incident.eventId(), 3).stream().map(RunbookFinder.Passage::title).toList();
            System.out.printf("%s %s at the default weight: %s%n", incident.run(), incident.fault(), answer.subList(0, Math.min(4, answer.size())));
            ranks.computeIfAbsent(incident.fault(), fault -> new ArrayList<>()).add(Integer.toString(E2eIncidents.rank(finder, db, tenant, incident)));
        }
        List<String> byFault = new ArrayList<>();
        ranks.forEach((fault, runs) -> byFault.add(fault + " " + String.join("/", runs)));
        return String.join(", ", byFault) + " (runs " + String.join("/", E2eIncidents.RUNS) + ")";
    }

    private static List<String> passages(Path folder) throws IOException {
        RunbookParser parser = new RunbookParser();
        List<String> passages = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> RunbookParser.isRunbook(p.getFileName().toString())).sorted().toList()) {
                Runbook runbook = parser.parse(file.getFileName().toString(), Files.readString(file));
                runbook.sections().forEach(section -> passages.add(section.passage(runbook.title())));
            }
        }
        return passages;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
