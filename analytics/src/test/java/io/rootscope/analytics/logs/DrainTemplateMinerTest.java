package io.rootscope.analytics.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DrainTemplateMinerTest {

    private static List<LogEntry> entries(String... messages) {
        return java.util.Arrays.stream(messages).map(LogEntry::of).collect(Collectors.toList());
    }

    @Test
    void generalisesUnmaskedVariablesToWildcardsAndReportsTheFinalTemplateForEveryLine() {
        LogTemplateBatch batch = new DrainTemplateMiner().mine(entries(
                "User alice logged in from 10.0.0.1",
                "User bob logged in from 10.0.0.2",
                "Disk /dev/sda1 is 91% full"));

        LogTemplate user = batch.lines().get(0).template();
        assertEquals("User <*> logged in from <IP>", user.text());
        assertSame(user, batch.lines().get(1).template());
        assertEquals("Disk <PATH> is <NUM> full", batch.lines().get(2).template().text());
        assertEquals(2, batch.templates().size());
        assertTrue(batch.generalisations().isEmpty());
    }

    @Test
    void separatesMessagesBelowTheSimilarityThreshold() {
        LogTemplateBatch batch = new DrainTemplateMiner().mine(entries(
                "Cache evicted entries from region north",
                "Cache warmed shards on node alpha"));

        assertNotEquals(batch.lines().get(0).template(), batch.lines().get(1).template());
    }

    @Test
    void fingerprintDependsOnlyOnTheTemplateText() {
        List<LogEntry> lines = entries("Job nightly finished in 20s", "Job hourly finished in 3s");
        LogTemplate first = new DrainTemplateMiner().mine(lines).lines().get(0).template();
        LogTemplate again = new DrainTemplateMiner().mine(List.of(lines.get(1), lines.get(0))).lines().get(0)
                .template();

        assertEquals(first, again);
        assertEquals(TemplateFingerprint.of("Job <*> finished in <DURATION>"), first.fingerprint());
    }

    @Test
    void reportsAGeneralisationOfATemplateReportedInAnEarlierBatch() {
        DrainTemplateMiner miner = new DrainTemplateMiner();
        LogTemplate before = miner.mine(entries("Retry upload to bucket eu now")).lines().get(0).template();
        LogTemplateBatch later = miner.mine(entries("Retry upload to bucket us now"));

        LogTemplate after = later.lines().get(0).template();
        assertEquals("Retry upload to bucket <*> now", after.text());
        assertEquals(List.of(new TemplateGeneralisation(before, after)), later.generalisations());
        assertTrue(miner.mine(entries("Retry upload to bucket apac now")).generalisations().isEmpty());
    }

    @Test
    void routesNewLeadingTokensOfAFullNodeToTheWildcardChild() {
        DrainTemplateMiner miner = new DrainTemplateMiner(new LogMasker(), 4, 0.5, 2);
        LogTemplateBatch batch = miner.mine(entries("alpha started ok", "beta started ok", "gamma started ok"));

        // With room for one named child, "beta" and "gamma" share the wildcard child and hence a cluster.
        assertEquals("alpha started ok", batch.lines().get(0).template().text());
        assertEquals("<*> started ok", batch.lines().get(1).template().text());
        assertSame(batch.lines().get(1).template(), batch.lines().get(2).template());
    }

    @Test
    void routesAMaskedLeadingTokenByItsMaskNotToTheWildcardChild() {
        LogTemplateBatch batch = new DrainTemplateMiner().mine(entries(
                "id=42 job started", "user=7 job started", "10.0.0.1 job started", "42 job started"));

        // Sent to the wildcard child, all four would reach simSeq 2/3 there and become "<*> job started".
        assertEquals(List.of("id=<NUM> job started", "user=<NUM> job started", "<IP> job started",
                        "<NUM> job started"),
                batch.lines().stream().map(line -> line.template().text()).collect(Collectors.toList()));
    }

    @Test
    void takesTheStatedSeverityElseDetectsIt() {
        LogTemplateBatch batch = new DrainTemplateMiner().mine(List.of(
                new LogEntry("queue almost full", LogSeverity.WARN), LogEntry.of("ERROR queue overflow")));

        assertEquals(LogSeverity.WARN, batch.lines().get(0).severity());
        assertEquals(LogSeverity.ERROR, batch.lines().get(1).severity());
    }

    /** Grouping accuracy as defined in {@link GroupingAccuracy}: exact-match of predicted and true groups. */
    @Test
    void groupsAtLeastNinetyFivePercentOfAKnownTemplateCorpus() {
        List<SyntheticLogCorpus.Line> corpus = new SyntheticLogCorpus(new Random(7)).generate(5_000);
        LogTemplateBatch batch = new DrainTemplateMiner().mine(
                corpus.stream().map(line -> LogEntry.of(line.message())).collect(Collectors.toList()));

        int[] truth = corpus.stream().mapToInt(SyntheticLogCorpus.Line::template).toArray();
        long[] predicted = batch.lines().stream().mapToLong(line -> line.template().fingerprint()).toArray();
        assertTrue(GroupingAccuracy.of(truth, predicted) >= 0.95,
                () -> "grouping accuracy " + GroupingAccuracy.of(truth, predicted) + ", templates "
                        + batch.templates().stream().map(LogTemplate::text).collect(Collectors.toList()));
        assertEquals(SyntheticLogCorpus.TEMPLATE_COUNT, batch.templates().size());
    }

    @Test
    void rejectsInvalidParameters() {
        LogMasker masker = new LogMasker();
        assertThrows(IllegalArgumentException.class, () -> new DrainTemplateMiner(null, 4, 0.4, 100));
        assertThrows(IllegalArgumentException.class, () -> new DrainTemplateMiner(masker, 2, 0.4, 100));
        assertThrows(IllegalArgumentException.class, () -> new DrainTemplateMiner(masker, 4, 0.0, 100));
        assertThrows(IllegalArgumentException.class, () -> new DrainTemplateMiner(masker, 4, 1.5, 100));
        assertThrows(IllegalArgumentException.class, () -> new DrainTemplateMiner(masker, 4, 0.4, 1));
    }
}
