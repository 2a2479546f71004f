package io.rootscope.analytics.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Drain over many batches, with a store that follows {@link TemplateGeneralisation}s as the database does, and
 * across restarts ({@link DrainTemplateMiner#restore}): a template's group must survive its generalisation.
 */
class DrainAcrossBatchesTest {

    private static final int LINES = 20_000;
    private static final int BATCHES = 10;

    /**
     * What a store keeps: a group per template text, moved to the new text on a generalisation (or merged into
     * the group already there), and each stored line's group.
     */
    private static final class GroupStore {
        private final Map<Long, Long> groupOf = new HashMap<>();
        private final Map<Long, LogTemplate> templateOf = new HashMap<>();
        private final List<Long> lineGroups = new ArrayList<>();
        private long nextGroup;
        private int generalisations;

        void apply(List<TemplateGeneralisation> moves) {
            for (TemplateGeneralisation move : moves) {
                Long group = groupOf.remove(move.from().fingerprint());
                templateOf.remove(move.from().fingerprint());
                if (group == null) {
                    continue;
                }
                generalisations++;
                Long there = groupOf.putIfAbsent(move.to().fingerprint(), group);
                templateOf.putIfAbsent(move.to().fingerprint(), move.to());
                if (there != null) {
                    lineGroups.replaceAll(g -> g.equals(group) ? there : g);
                }
            }
        }

        void store(LogTemplateBatch batch) {
            apply(batch.generalisations());
            for (MinedLogLine line : batch.lines()) {
                long fingerprint = line.template().fingerprint();
                templateOf.putIfAbsent(fingerprint, line.template());
                lineGroups.add(groupOf.computeIfAbsent(fingerprint, f -> nextGroup++));
            }
        }

        /** The stored templates in the order their groups were founded, as the database lists them. */
        List<LogTemplate> templates() {
            return groupOf.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .map(e -> templateOf.get(e.getKey())).toList();
        }

        long[] groups() {
            return lineGroups.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static List<SyntheticLogCorpus.Line> corpus() {
        return new SyntheticLogCorpus(new Random(42)).generate(LINES);
    }

    private static List<LogEntry> batch(List<SyntheticLogCorpus.Line> corpus, int index) {
        int size = corpus.size() / BATCHES;
        return corpus.subList(index * size, (index + 1) * size).stream().map(l -> LogEntry.of(l.message())).toList();
    }

    private static int[] truth(List<SyntheticLogCorpus.Line> corpus) {
        return corpus.stream().mapToInt(SyntheticLogCorpus.Line::template).toArray();
    }

    private static long[] oneBatch(List<SyntheticLogCorpus.Line> corpus) {
        return new DrainTemplateMiner().mine(corpus.stream().map(l -> LogEntry.of(l.message())).toList())
                .lines().stream().mapToLong(l -> l.template().fingerprint()).toArray();
    }

    @Test
    void keepsEachGroupThroughGeneralisationsInLaterBatches() {
        List<SyntheticLogCorpus.Line> corpus = corpus();
        DrainTemplateMiner miner = new DrainTemplateMiner();
        GroupStore store = new GroupStore();
        List<Long> asMinedThen = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            LogTemplateBatch mined = miner.mine(batch(corpus, b));
            store.store(mined);
            mined.lines().forEach(l -> asMinedThen.add(l.template().fingerprint()));
        }

        assertTrue(store.generalisations > 0, "the corpus must generalise templates of earlier batches");
        // The ids of the push, as stored before generalisations were followed, split groups.
        assertTrue(GroupingAccuracy.of(truth(corpus), asMinedThen.stream().mapToLong(Long::longValue).toArray()) < 1);
        assertSameGrouping(oneBatch(corpus), store.groups());
        assertEquals(1.0, GroupingAccuracy.of(truth(corpus), store.groups()));
    }

    @Test
    void aMinerRestoredFromTheStoredTemplatesBeforeEveryBatchGroupsAsOneThatRanThroughout() {
        List<SyntheticLogCorpus.Line> corpus = corpus();
        GroupStore store = new GroupStore();
        for (int b = 0; b < BATCHES; b++) {
            DrainTemplateMiner restarted = new DrainTemplateMiner();
            assertEquals(List.of(), restarted.restore(store.templates()), "nothing to fold in a store kept current");
            store.store(restarted.mine(batch(corpus, b)));
        }

        assertSameGrouping(oneBatch(corpus), store.groups());
    }

    @Test
    void restoreFoldsAStaleSpecificTemplateIntoItsGeneralisationEitherWayRound() {
        LogTemplate specific = LogTemplate.of("cart alice not found");
        LogTemplate general = LogTemplate.of("cart <*> not found");
        for (List<LogTemplate> stored : List.of(List.of(specific, general), List.of(general, specific))) {
            DrainTemplateMiner miner = new DrainTemplateMiner();

            assertEquals(List.of(new TemplateGeneralisation(specific, general)), miner.restore(stored));
            LogTemplateBatch batch = miner.mine(List.of(LogEntry.of("cart alice not found"), LogEntry.of("cart bob not found")));
            assertEquals(List.of(general), batch.templates());
            assertEquals(List.of(), batch.generalisations());
        }
    }

    @Test
    void restoreKeepsDistinctTemplatesApartAndSplitsQuotedTokensAsMining() {
        DrainTemplateMiner miner = new DrainTemplateMiner();
        LogTemplateBatch first = miner.mine(List.of(LogEntry.of("call print(\"hello world\") from alice"),
                LogEntry.of("call print(\"hello world\") from bob"), LogEntry.of("Cache warmed shards on node alpha"),
                LogEntry.of("Cache evicted entries from region north")));
        DrainTemplateMiner restored = new DrainTemplateMiner();

        assertEquals(List.of(), restored.restore(first.templates()));
        List<LogEntry> next = List.of(LogEntry.of("call print(\"hello world\") from carol"),
                LogEntry.of("Cache evicted entries from region south"));
        assertEquals(miner.mine(next), restored.mine(next));
    }

    @Test
    void restoreNeedsAFreshMiner() {
        DrainTemplateMiner miner = new DrainTemplateMiner();
        miner.mine(List.of(LogEntry.of("started")));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> miner.restore(List.of(LogTemplate.of("started"))));
        assertFalse(e.getMessage().isBlank());
        assertThrows(IllegalArgumentException.class,
                () -> new TemplateGeneralisation(LogTemplate.of("a"), LogTemplate.of("a")));
    }

    /** The same partition of lines, whatever the group labels. */
    private static void assertSameGrouping(long[] expected, long[] actual) {
        assertEquals(expected.length, actual.length);
        Map<Long, Long> first = new HashMap<>();
        Map<Long, Long> second = new HashMap<>();
        long[] relabelledExpected = new long[expected.length];
        long[] relabelledActual = new long[actual.length];
        for (int i = 0; i < expected.length; i++) {
            relabelledExpected[i] = first.computeIfAbsent(expected[i], g -> (long) first.size());
            relabelledActual[i] = second.computeIfAbsent(actual[i], g -> (long) second.size());
        }
        assertArrayEquals(relabelledExpected, relabelledActual);
    }
}
