package io.rootscope.analytics.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drain, the online log-template miner of He, Zhu, Zheng and Lyu, "Drain: An Online Log Parsing Approach with
 * Fixed Depth Tree", ICWS 2017.
 *
 * <p>Each message (of a JSON line, its message field: {@link StructuredLogLine}) is masked by a {@link LogMasker}, then
 * routed through a tree of fixed depth: the first layer splits by token count, the next {@code depth - 3} layers by
 * the leading tokens (a token holding a digit goes to the wildcard child, as does any token once a node has
 * {@code maxChildren} children). A masked variable is a
 * constant token such as {@code <NUM>} or {@code id=<NUM>} and routes by itself, as in Drain3: sending it to the
 * wildcard child would put a line led by a number, an address or a {@code key=value} pair into one node with every
 * line led by another variable, to be grouped there by similarity alone. In the leaf,
 * the message joins the most similar cluster if their simSeq reaches the similarity threshold — the positions
 * where they differ become the wildcard {@value #WILDCARD} — and founds a new cluster otherwise. Ties go to the
 * cluster with more wildcards, as in Drain3.
 *
 * <p><b>Ids.</b> A template's id is the {@link TemplateFingerprint} of its text. A batch reports every line
 * with its cluster's template as it stands at the end of the batch, so one cluster never splits its counts
 * over two ids within a batch. When a later batch generalises a template already reported, the batch lists a
 * {@link TemplateGeneralisation} from the old template to the new one, so that a store can move what it keeps
 * under the old template to the new one: a cluster stays one group however its template evolves.
 *
 * <p><b>Restarts.</b> {@link #restore} rebuilds the tree from the stored templates alone: a cluster's state is
 * its template, and two clusters of one leaf never reach the similarity threshold with each other (it held when
 * the later one was founded and similarity only falls as wildcards grow), so replaying the templates as lines
 * founds one cluster per template, as before the restart.
 *
 * <p>Time per message O(t + c·t) for t tokens and c clusters in its leaf; memory O(total template tokens).
 * The miner keeps its tree across batches and is not thread-safe.
 */
public final class DrainTemplateMiner {

    /** The Drain wildcard written at template positions that vary. */
    public static final String WILDCARD = "<*>";
    /** Tree depth counting the root, the length layer and the leaf layer: one layer of leading tokens (Drain3). */
    public static final int DEPTH_DEFAULT = 4;
    /** Minimum simSeq to join a cluster (Drain3's default; the paper tunes 0.4–0.7 per data set). */
    public static final double SIMILARITY_THRESHOLD_DEFAULT = 0.4;
    /** Maximum children of an internal node before further tokens share the wildcard child. */
    public static final int MAX_CHILDREN_DEFAULT = 100;

    private static final int MIN_DEPTH = 3;

    private final LogMasker masker;
    private final int tokenLayers;
    private final double similarityThreshold;
    private final int maxChildren;
    private final Map<Integer, DrainNode> byLength = new HashMap<>();

    public DrainTemplateMiner() {
        this(new LogMasker(), DEPTH_DEFAULT, SIMILARITY_THRESHOLD_DEFAULT, MAX_CHILDREN_DEFAULT);
    }

    /**
     * @param masker              the preprocessing that masks variables before tree insertion
     * @param depth               tree depth counting root, length layer and leaf layer; at least 3
     * @param similarityThreshold simSeq needed to join a cluster, in (0, 1]
     * @param maxChildren         children an internal node may hold, at least 2 (one is kept for the wildcard)
     */
    public DrainTemplateMiner(LogMasker masker, int depth, double similarityThreshold, int maxChildren) {
        if (masker == null) {
            throw new IllegalArgumentException("masker must not be null");
        }
        if (depth < MIN_DEPTH) {
            throw new IllegalArgumentException("depth must be at least " + MIN_DEPTH + ", got " + depth);
        }
        if (!(similarityThreshold > 0 && similarityThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "similarityThreshold must be in (0, 1], got " + similarityThreshold);
        }
        if (maxChildren < 2) {
            throw new IllegalArgumentException("maxChildren must be at least 2, got " + maxChildren);
        }
        this.masker = masker;
        this.tokenLayers = depth - 3;
        this.similarityThreshold = similarityThreshold;
        this.maxChildren = maxChildren;
    }

    /** Mines one batch of log entries, updating the tree, and reports each line's template and severity. */
    public LogTemplateBatch mine(List<LogEntry> entries) {
        LogCluster[] clusterOfLine = new LogCluster[entries.size()];
        Set<LogCluster> touched = new LinkedHashSet<>();
        for (int i = 0; i < clusterOfLine.length; i++) {
            clusterOfLine[i] = insert(masker.tokens(StructuredLogLine.minedText(entries.get(i).message())));
            touched.add(clusterOfLine[i]);
        }
        // Listed once per text: the fingerprint, not the cluster, is the identity of a pattern.
        Set<LogTemplate> templates = new LinkedHashSet<>();
        List<TemplateGeneralisation> generalisations = new ArrayList<>();
        Map<LogCluster, LogTemplate> templateOf = new IdentityHashMap<>();
        for (LogCluster cluster : touched) {
            LogTemplate previous = cluster.markReported();
            LogTemplate template = cluster.template();
            templateOf.put(cluster, template);
            templates.add(template);
            if (previous != null && !previous.equals(template)) {
                generalisations.add(new TemplateGeneralisation(previous, template));
            }
        }
        List<MinedLogLine> lines = new ArrayList<>(clusterOfLine.length);
        for (int i = 0; i < clusterOfLine.length; i++) {
            LogEntry entry = entries.get(i);
            lines.add(new MinedLogLine(
                    templateOf.get(clusterOfLine[i]), LogSeverity.resolve(entry.severity(), entry.message())));
        }
        return new LogTemplateBatch(lines, List.copyOf(templates), generalisations);
    }

    /**
     * Rebuilds the tree of a miner that has mined nothing from stored templates, given in the order they were
     * first stored, and marks them reported. Templates that Drain would have grouped — such as a template and
     * an older, more specific version of it stored under its own id — fold into one cluster; each such template
     * is returned as a generalisation to its cluster's template, for the store to merge.
     *
     * @throws IllegalStateException if this miner has mined or restored before
     */
    public List<TemplateGeneralisation> restore(List<LogTemplate> stored) {
        if (!byLength.isEmpty()) {
            throw new IllegalStateException("restore needs a miner that has not mined yet");
        }
        Map<LogCluster, List<LogTemplate>> storedOf = new LinkedHashMap<>();
        for (LogTemplate template : stored) {
            storedOf.computeIfAbsent(insert(masker.split(template.text())), cluster -> new ArrayList<>()).add(template);
        }
        List<TemplateGeneralisation> folded = new ArrayList<>();
        storedOf.forEach((cluster, templates) -> {
            cluster.markReported();
            for (LogTemplate template : templates) {
                if (!template.equals(cluster.template())) {
                    folded.add(new TemplateGeneralisation(template, cluster.template()));
                }
            }
        });
        return folded;
    }

    private LogCluster insert(String[] tokens) {
        DrainNode leaf = byLength.computeIfAbsent(tokens.length, length -> new DrainNode());
        for (int layer = 0; layer < tokenLayers && layer < tokens.length; layer++) {
            leaf = leaf.children.computeIfAbsent(routingKey(leaf, tokens[layer]), key -> new DrainNode());
        }
        LogCluster best = null;
        double bestSimilarity = -1;
        int bestWildcards = -1;
        for (LogCluster cluster : leaf.clusters) {
            double similarity = cluster.similarity(tokens);
            int wildcards = cluster.wildcardCount();
            if (similarity > bestSimilarity || similarity == bestSimilarity && wildcards > bestWildcards) {
                best = cluster;
                bestSimilarity = similarity;
                bestWildcards = wildcards;
            }
        }
        if (best != null && bestSimilarity >= similarityThreshold) {
            best.absorb(tokens);
            return best;
        }
        LogCluster created = new LogCluster(tokens);
        leaf.clusters.add(created);
        return created;
    }

    /** The child key a token routes to: itself, or the wildcard for variables and for full nodes. */
    private String routingKey(DrainNode node, String token) {
        if (hasDigit(token)) {
            return WILDCARD;
        }
        if (node.children.containsKey(token)) {
            return token;
        }
        int reservedForWildcard = node.children.containsKey(WILDCARD) ? 0 : 1;
        return node.children.size() + reservedForWildcard < maxChildren ? token : WILDCARD;
    }

    /** A token holding a digit: a variable Drain's paper routes to the wildcard child (masks hold none). */
    private static boolean hasDigit(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
