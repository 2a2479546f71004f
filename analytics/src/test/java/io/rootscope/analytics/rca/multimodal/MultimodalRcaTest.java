package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.analytics.logs.LogTemplate;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.EvidenceItem;
import io.rootscope.analytics.rca.LogEvent;
import io.rootscope.analytics.rca.MetricType;
import io.rootscope.analytics.rca.SpanRecord;
import io.rootscope.analytics.rca.automap.AutoMapRobust;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shop of five services: web (front-end) calls api, api calls db and cache, db calls disk. Two minutes of normal
 * traffic, then two of anomalous traffic with one fault. Metrics stay flat (noise only) unless a test says otherwise.
 */
class MultimodalRcaTest {

    private static final long START = 1_700_000_000L;
    private static final long SPLIT = START + 120;
    private static final List<String> SERVICES = List.of("web", "api", "db", "cache", "disk");

    /** Latencies (µs) a test changes for the anomalous period; the defaults are the normal ones. */
    private static final class Shop {
        long dbSelf = 2_000;
        long dbNetwork = 300;
        long cacheSelf = 500;
        long storeQuery = 800;
        boolean dbThrows;
        final List<SpanRecord> spans = new ArrayList<>();
        final List<LogEvent> logs = new ArrayList<>();
        private int traces;

        /** One request a second over [from, to). */
        void traffic(long from, long to) {
            for (long t = from; t < to; t++) {
                request(t * 1_000_000);
            }
        }

        private void request(long start) {
            String trace = "t" + traces++;
            long diskSpan = 1_000;
            long dbSpan = dbThrows ? dbSelf : dbSelf + diskSpan;
            long apiSelf = 1_000;
            long cacheSpan = cacheSelf + storeQuery;
            long apiSpan = apiSelf + dbSpan + dbNetwork + cacheSpan + 200;
            long webSpan = apiSpan + 2_000;
            spans.add(new SpanRecord(trace, "w", null, "web", "GET /", start, webSpan, false));
            spans.add(new SpanRecord(trace, "a", "w", "api", "GET /items", start + 1_000, apiSpan, false));
            // api's client span of the call holds db's server span and the network time around it.
            spans.add(new SpanRecord(trace, "ad", "a", "api", "GET db", start + 2_000, dbSpan + dbNetwork, dbThrows));
            spans.add(new SpanRecord(trace, "d", "ad", "db", "SELECT items", start + 2_000 + dbNetwork / 2, dbSpan, dbThrows));
            if (!dbThrows) {
                long diskCall = start + 2_500 + dbNetwork / 2;
                spans.add(new SpanRecord(trace, "dk", "d", "db", "read page", diskCall, diskSpan, false));
                spans.add(new SpanRecord(trace, "k", "dk", "disk", "read", diskCall + 100, diskSpan - 200, false));
            }
            long cacheCall = start + 2_000 + dbSpan + dbNetwork + 100;
            spans.add(new SpanRecord(trace, "ac", "a", "api", "GET cache", cacheCall, cacheSpan + 200, false));
            spans.add(new SpanRecord(trace, "c", "ac", "cache", "GET item", cacheCall + 100, cacheSpan, false));
            // cache writes through to a store that sends no spans: only cache's client span, naming its peer, times it.
            spans.add(new SpanRecord(trace, "cs", "c", "cache", "SET item", cacheCall + 100 + cacheSelf, storeQuery, false,
                    "store"));
            long millis = start / 1000;
            logs.add(log(millis, "web", "request served in 12 ms", LogSeverity.INFO));
            logs.add(log(millis, "api", "listed 20 items", LogSeverity.INFO));
            logs.add(log(millis, "db", dbThrows ? "query failed: java.lang.IllegalStateException: no rows"
                    : "query returned 20 rows", dbThrows ? LogSeverity.ERROR : LogSeverity.INFO));
        }
    }

    private static LogEvent log(long millis, String service, String text, LogSeverity severity) {
        return new LogEvent(millis, service, LogTemplate.of(text), severity);
    }

    private static DiagnosisWindow window(Shop shop, boolean withTelemetry, double dbCpuShift) {
        return window(shop, withTelemetry, "db", dbCpuShift);
    }

    /** The window with {@code shifted}'s CPU higher by {@code shift} in the anomalous period. */
    private static DiagnosisWindow window(Shop shop, boolean withTelemetry, String shifted, double shift) {
        long[] times = new long[24];
        for (int i = 0; i < times.length; i++) {
            times[i] = START + 10L * i;
        }
        DiagnosisWindow.Builder builder = DiagnosisWindow.builder(times, "web").anomalyStart(SPLIT);
        Random random = new Random(1);
        for (String service : SERVICES) {
            double[] cpu = new double[times.length];
            for (int i = 0; i < cpu.length; i++) {
                cpu[i] = 0.5 + 0.05 * random.nextGaussian() + (service.equals(shifted) && times[i] >= SPLIT ? shift : 0);
            }
            builder.series(service, MetricType.CPU, cpu);
        }
        if (withTelemetry) {
            builder.logs(shop.logs).spans(shop.spans);
        }
        return builder.build();
    }

    private static Diagnosis diagnose(Shop normalThenFault) {
        return MultimodalRca.fromParameters(Map.of()).rank(window(normalThenFault, true, 0));
    }

    private static Shop normal() {
        Shop shop = new Shop();
        shop.traffic(START, SPLIT);
        return shop;
    }

    @Test
    void aMethodThatThrowsIsFoundByItsErrorLogsWhileMetricsStayFlat() {
        Shop shop = normal();
        shop.dbThrows = true;
        shop.traffic(SPLIT, SPLIT + 120);
        Diagnosis d = diagnose(shop);
        assertEquals("db", d.ranking().get(0).service(), d.ranking().toString());
        EvidenceItem first = d.explanation().evidence().get(0);
        assertEquals("db", first.service());
        assertEquals(EvidenceItem.Kind.LOG_TEMPLATE, first.kind());
        assertTrue(first.finding().startsWith("new error template"), first.finding());
        assertEquals(List.of("web", "api", "db"), d.explanation().paths().get(0).services(), "the call path from the front-end");
    }

    @Test
    void withoutLogsTheFailureIsPlacedWhereSpansStartToFailNotWhereTheErrorIsRelayed() {
        Shop shop = normal();
        shop.dbThrows = true;
        shop.traffic(SPLIT, SPLIT + 120);
        shop.logs.clear();
        Diagnosis d = diagnose(shop);
        assertEquals("db", d.ranking().get(0).service(), d.ranking().toString());
        assertTrue(d.explanation().evidence().stream().anyMatch(e -> e.service().equals("db")
                && e.subject().equals("failed spans") && !e.traceIds().isEmpty()), d.explanation().evidence().toString());
    }

    @Test
    void withoutSpansTheErrorLogsAloneFindTheServiceThatThrows() {
        Shop shop = normal();
        shop.dbThrows = true;
        shop.traffic(SPLIT, SPLIT + 120);
        shop.spans.clear();
        Diagnosis d = diagnose(shop);
        assertEquals("db", d.ranking().get(0).service(), d.ranking().toString());
        assertTrue(d.explanation().metricContributions().get("db").get(ErrorLogChannel.NAME) > 0);
    }

    @Test
    void aSlowServiceIsBlamedNotItsCallersWhoWaitForIt() {
        Shop shop = normal();
        shop.dbSelf = 40_000;
        shop.traffic(SPLIT, SPLIT + 120);
        Diagnosis d = diagnose(shop);
        assertEquals("db", d.ranking().get(0).service(), d.ranking().toString());
        assertTrue(d.explanation().evidence().stream().anyMatch(e -> e.service().equals("db")
                && e.kind() == EvidenceItem.Kind.OPERATION && e.subject().equals("SELECT items")
                && !e.traceIds().isEmpty()), d.explanation().evidence().toString());
    }

    @Test
    void aNetworkDelayIsCreditedToTheServiceTheSlowCallsGoTo() {
        Shop shop = normal();
        shop.dbNetwork = 60_000;
        shop.traffic(SPLIT, SPLIT + 120);
        Diagnosis d = diagnose(shop);
        assertEquals("db", d.ranking().get(0).service(), d.ranking().toString());
        assertTrue(d.explanation().evidence().stream().anyMatch(e -> e.service().equals("db")
                && e.kind() == EvidenceItem.Kind.CALL && e.subject().equals("api -> db")), d.explanation().evidence().toString());
    }

    @Test
    void aSlowServiceThatSendsNoSpansIsFoundThroughItsCallersClientSpans() {
        Shop shop = normal();
        shop.storeQuery = 30_000;
        shop.traffic(SPLIT, SPLIT + 120);
        Diagnosis d = diagnose(shop);
        assertEquals("store", d.ranking().get(0).service(), d.ranking().toString());
        assertEquals(List.of("web", "api", "cache", "store"), d.explanation().paths().get(0).services());
    }

    @Test
    void aWindowWithMetricsOnlyIsRankedAsAutoMapRobustRanksIt() {
        Shop shop = normal();
        shop.traffic(SPLIT, SPLIT + 120);
        DiagnosisWindow metricsOnly = window(shop, false, 2.0);
        Diagnosis multimodal = MultimodalRca.fromParameters(Map.of()).rank(metricsOnly);
        Diagnosis automap = AutoMapRobust.fromParameters(Map.of()).rank(metricsOnly);
        assertEquals(automap.ranking(), multimodal.ranking());
        assertEquals(MultimodalRca.NAME, multimodal.method());
    }

    @Test
    void spansWhoseParentIsMissingCountAsRootsAndServicesSeenOnlyInLogsAreCandidates() {
        Shop shop = normal();
        shop.dbThrows = true;
        shop.traffic(SPLIT, SPLIT + 120);
        shop.spans.removeIf(s -> s.service().equals("api"));
        assertTrue(new TracePeriod(shop.spans).orphans > 0, "spans of db and cache lost their api parents");
        shop.logs.add(log((SPLIT + 5) * 1000, "mailer", "mail queued", LogSeverity.INFO));
        Diagnosis d = diagnose(shop);
        assertEquals("db", d.ranking().get(0).service());
        assertTrue(d.rankOf("mailer").isPresent());
    }

    /**
     * The recurring miss of the whole-stack test: a callee answering HTTP 500 logs one error line per failure, its caller
     * three (the failed call, its own failed request, a retry's failure), so the caller's error lines surge most. The
     * spans' status shows the caller's failures all relayed, so its error lines are the callee's evidence.
     */
    @Test
    void aCallerLoggingItsCalleesFailuresMoreThanTheCalleeIsNotBlamedForThem() {
        Shop shop = normal();
        shop.dbThrows = true;
        shop.traffic(SPLIT, SPLIT + 120);
        shop.spans.stream().filter(s -> s.service().equals("api") && s.error()).forEach(s -> {
            for (String line : List.of("call to db failed: 500", "request failed: 500", "retry of db failed: 500")) {
                shop.logs.add(log(s.startMicros() / 1000, "api", line, LogSeverity.ERROR));
            }
        });
        DiagnosisWindow window = window(shop, true, 0);
        Diagnosis d = MultimodalRca.fromParameters(Map.of()).rank(window);
        assertEquals("db", d.ranking().get(0).service(), d.ranking().toString());
        Map<String, Map<String, Double>> contributions = d.explanation().metricContributions();
        assertTrue(contributions.get("api").get(ErrorLogChannel.NAME) < contributions.get("db").get(ErrorLogChannel.NAME),
                "api's failed spans all have failed children: its error lines are db's failures " + contributions);
        assertTrue(d.explanation().evidence().stream().anyMatch(e -> e.service().equals("api")
                && e.finding().endsWith("; 1% of its failed spans failed on their own")), d.explanation().evidence().toString());

        // Without a span status the relay is not visible: api's own error surge stands, as large as the lines say.
        withoutSpanStatus(shop);
        Diagnosis withoutStatus = MultimodalRca.fromParameters(Map.of("calleeShare", "0")).rank(window(shop, true, 0));
        assertTrue(withoutStatus.explanation().metricContributions().get("api").get(ErrorLogChannel.NAME)
                > withoutStatus.explanation().metricContributions().get("db").get(ErrorLogChannel.NAME),
                withoutStatus.explanation().metricContributions().toString());
    }

    @Test
    void aCallerRelayingItsCalleesErrorsHasThatSharedPartExplainedAway() {
        Shop shop = dbThrowsAndApiLogsIt();
        DiagnosisWindow window = window(shop, true, 0);
        Diagnosis kept = MultimodalRca.fromParameters(Map.of("calleeShare", "0")).rank(window);
        Diagnosis explained = MultimodalRca.fromParameters(Map.of()).rank(window);

        double api = score(kept, "api");
        double db = score(kept, "db");
        assertTrue(api > 0 && db > 0, kept.ranking().toString());
        double share = MultimodalConfig.DEFAULTS.calleeShare();
        assertEquals(api - share * Math.min(api, db), score(explained, "api"), 1e-9, "api calls db");
        assertEquals(-share * Math.min(api, db),
                explained.explanation().metricContributions().get("api").get(MultimodalRca.CALLEE_EXPLAINED), 1e-9);
        assertEquals(db, score(explained, "db"), 1e-9, "db's only callee, disk, stayed quiet");
        assertEquals("db", explained.ranking().get(0).service(), explained.ranking().toString());

        // The caller's error lines are what tells the callee's failure: they join the callee's findings.
        List<EvidenceItem> relayed = explained.explanation().evidence().stream()
                .filter(item -> item.service().equals("db") && item.finding().startsWith("logged by its caller api: "))
                .toList();
        assertEquals(1, relayed.size(), explained.explanation().evidence().toString());
        assertEquals(EvidenceItem.Kind.LOG_TEMPLATE, relayed.get(0).kind());
        assertTrue(relayed.get(0).subject().startsWith("call to db failed"), relayed.get(0).subject());
        assertTrue(kept.explanation().evidence().stream().noneMatch(item -> item.finding().startsWith("logged by")),
                "nothing explained away, nothing relayed");
    }

    /**
     * A failure relayed over two hops: disk, which writes no logs, saturates; db logs failed reads, and api logs the
     * failed calls to db in three lines each, so the caller farthest from the source scores most (no span status shows
     * the relay). Measured against db's score alone, api would keep more than disk's score; db passes up its own score
     * and what disk explains of it.
     */
    @Test
    void aFailureRelayedOverTwoHopsIsExplainedAwayAtEachHop() {
        Shop shop = normal();
        shop.traffic(SPLIT, SPLIT + 120);
        for (long t = SPLIT; t < SPLIT + 120; t += 20) {
            shop.logs.add(log(t * 1000, "db", "read from disk failed: timeout", LogSeverity.ERROR));
        }
        for (long t = SPLIT; t < SPLIT + 120; t += 40) {
            for (String line : List.of("call to db failed: 500", "request failed: 500", "retry of db failed: 500")) {
                shop.logs.add(log(t * 1000, "api", line, LogSeverity.ERROR));
            }
        }
        withoutSpanStatus(shop);
        DiagnosisWindow window = window(shop, true, "disk", 100.0);
        Diagnosis kept = MultimodalRca.fromParameters(Map.of("calleeShare", "0")).rank(window);
        Diagnosis explained = MultimodalRca.fromParameters(Map.of()).rank(window);

        double api = score(kept, "api");
        double db = score(kept, "db");
        double disk = score(kept, "disk");
        assertTrue(api > db && db > disk && disk > 0, kept.ranking().toString());
        double share = MultimodalConfig.DEFAULTS.calleeShare();
        double dbPassesUp = db + share * Math.min(db, disk);
        assertEquals(db - share * Math.min(db, disk), score(explained, "db"), 1e-9, "db calls disk");
        assertEquals(api - share * Math.min(api, dbPassesUp), score(explained, "api"), 1e-9, "api calls db");
        assertTrue(api - share * Math.min(api, db) > disk, "measured against db's own score, api would stay first");
        assertEquals("disk", explained.ranking().get(0).service(), explained.ranking().toString());
    }

    @Test
    void aCalleeThatRunsAfterItsCallerReturnedExplainsNothingOfIt() {
        Shop shop = dbThrowsAndApiLogsIt();
        // db as a consumer of the messages api publishes: its spans start once api's call has returned.
        Map<String, Long> published = new HashMap<>();
        shop.spans.stream().filter(s -> s.spanId().equals("ad")).forEach(s -> published.put(s.traceId(), s.endMicros()));
        Map<String, Long> picked = new HashMap<>();
        shop.spans.stream().filter(s -> s.spanId().equals("d")).forEach(s -> picked.put(s.traceId(), s.startMicros()));
        shop.spans.replaceAll(s -> s.service().equals("db") || s.service().equals("disk")
                ? new SpanRecord(s.traceId(), s.spanId(), s.parentSpanId(), s.service(), s.operation(),
                        s.startMicros() - picked.get(s.traceId()) + published.get(s.traceId()) + 3_000, s.durationMicros(), s.error())
                : s);
        DiagnosisWindow window = window(shop, true, 0);
        Diagnosis kept = MultimodalRca.fromParameters(Map.of("calleeShare", "0")).rank(window);
        Diagnosis asynchronous = MultimodalRca.fromParameters(Map.of()).rank(window);

        assertTrue(score(kept, "db") > 0, kept.ranking().toString());
        assertEquals(score(kept, "api"), score(asynchronous, "api"), 1e-9, "api does not wait for db: nothing of it is db's");
        assertFalse(asynchronous.explanation().metricContributions().get("api").containsKey(MultimodalRca.CALLEE_EXPLAINED));
        assertEquals(List.of("web", "api", "db"), asynchronous.explanation().paths().stream()
                .filter(p -> p.services().get(p.services().size() - 1).equals("db")).findFirst().orElseThrow().services(),
                "the path still follows the message");
    }

    /**
     * db throws in the anomalous period and api logs each failed call; a source without a span status, so the relay shows
     * only in the call graph.
     */
    private static Shop dbThrowsAndApiLogsIt() {
        Shop shop = normal();
        shop.dbThrows = true;
        shop.traffic(SPLIT, SPLIT + 120);
        shop.spans.stream().filter(s -> s.service().equals("api") && s.error()).forEach(s -> shop.logs.add(
                log(s.startMicros() / 1000, "api", "call to db failed: 500", LogSeverity.ERROR)));
        withoutSpanStatus(shop);
        return shop;
    }

    /** The shop's spans as a source without a span status records them. */
    private static void withoutSpanStatus(Shop shop) {
        shop.spans.replaceAll(s -> new SpanRecord(s.traceId(), s.spanId(), s.parentSpanId(), s.service(), s.operation(),
                s.startMicros(), s.durationMicros(), false, s.peerService()));
    }

    private static double score(Diagnosis diagnosis, String service) {
        return diagnosis.ranking().stream().filter(r -> r.service().equals(service)).findFirst().orElseThrow().score();
    }

    @Test
    void unknownOrBadParametersAreRefusedByName() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> MultimodalRca.fromParameters(Map.of("lambda", "0.5")));
        assertTrue(unknown.getMessage().contains("lambda"), unknown.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> MultimodalRca.fromParameters(Map.of("quantile", "2")));
        assertTrue(bad.getMessage().contains("quantile"), bad.getMessage());
        IllegalArgumentException share = assertThrows(IllegalArgumentException.class,
                () -> MultimodalRca.fromParameters(Map.of("calleeShare", "1.5")));
        assertTrue(share.getMessage().contains("calleeShare"), share.getMessage());
    }
}
