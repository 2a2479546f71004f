package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.analytics.topology.GraphCap;
import io.rootscope.backend.graph.OpsGraphReader;
import io.rootscope.backend.graph.TopologyEdgeCache;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.protocol.NodeGraphFrames;
import io.rootscope.backend.protocol.QueryLimits;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import io.rootscope.backend.refusal.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * {@code topology}: a Node Graph of resources and their relations. Without a resource, the whole topology as
 * it was at time {@code at} (from {@code topo_edge_time}, as {@code topology_at} gives it); with a resource, its current
 * k-hop neighbourhood or impact set (from the AGE graph). At most {@code limit} nodes (default {@value #LIMIT_DEFAULT},
 * at most {@link QueryLimits#maxGraphNodes()}): the most important ones ({@link GraphCap}) and the relations among them,
 * with a notice on the panel saying what was left out and how to narrow the question.
 */
public final class TopologyQuery implements QueryKind {

    public enum Relation { ALL, CALLS, CONNECTS_TO, RUNS_ON }

    public enum Mode { NEIGHBOURHOOD, IMPACT }

    /** Enough for the services and hubs of a tenant; a force layout of many more nodes is no longer readable. */
    public static final int LIMIT_DEFAULT = 200;

    record Payload(String at, String relation, String resource, Integer hops, String mode, Integer limit) {
    }

    private final TopologyEdgeCache edgeCache;
    private final int maxNodes;

    public TopologyQuery(TopologyEdgeCache edgeCache, int maxNodes) {
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be at least 1, got " + maxNodes);
        }
        this.edgeCache = edgeCache;
        this.maxNodes = maxNodes;
    }

    @Override
    public String name() {
        return "topology";
    }

    @Override
    public String label() {
        return "Topology (Node Graph)";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return List.of(
                PayloadOption.input("at", "At time", "ISO time; default: the end of the range"),
                PayloadOption.select("relation", "Relation", Payloads.names(Relation.class)),
                PayloadOption.input("resource", "Around resource", "URN (optional)"),
                PayloadOption.input("hops", "Hops", "1-" + OpsGraphReader.MAX_HOPS),
                PayloadOption.select("mode", "Mode", Payloads.names(Mode.class)),
                PayloadOption.input("limit", "Node limit", "1-" + maxNodes + "; default " + defaultLimit()
                        + ": the most call traffic, then the most relations"));
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        Payload payload = Json.convert(json, Payload.class, "payload");
        Relation relation = Payloads.choice(payload.relation(), Relation.class, Relation.ALL, "relation");
        int limit = Payloads.bounded(payload.limit(), defaultLimit(), 1, maxNodes, "limit");
        if (payload.resource() == null || payload.resource().isBlank()) {
            Instant at = Payloads.instant(payload.at(), context.to(), "at");
            return at(context, at, relation, limit);
        }
        if (payload.at() != null) {
            throw new InvalidInputException("payload.at", "cannot be combined with resource: neighbourhoods come from the current graph");
        }
        int hops = Payloads.bounded(payload.hops(), 2, 1, OpsGraphReader.MAX_HOPS, "hops");
        Mode mode = Payloads.choice(payload.mode(), Mode.class, Mode.NEIGHBOURHOOD, "mode");
        OpsGraphReader reader = new OpsGraphReader(context.db());
        OpsGraphReader.Subgraph graph = mode == Mode.IMPACT ? reader.impact(context.tenantId(), payload.resource(), hops)
                : reader.neighbourhood(context.tenantId(), payload.resource(), hops);
        return around(graph, payload.resource(), relation, mode, hops, limit);
    }

    private int defaultLimit() {
        return Math.min(LIMIT_DEFAULT, maxNodes);
    }

    /** A neighbourhood or impact set, capped nearest first: the resource itself, then ring by ring. */
    private List<DataFrame> around(OpsGraphReader.Subgraph graph, String resource, Relation relation, Mode mode, int hops, int limit) {
        Map<String, Integer> index = new HashMap<>();
        for (OpsGraphReader.Node node : graph.nodes()) {
            index.put(node.urn(), index.size());
        }
        List<OpsGraphReader.Edge> edges = graph.edges().stream()
                .filter(edge -> relation == Relation.ALL || relation.name().equals(edge.relation())).toList();
        int[] source = new int[edges.size()];
        int[] target = new int[edges.size()];
        double[] traffic = new double[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            source[e] = index.get(edges.get(e).src());
            target[e] = index.get(edges.get(e).dst());
            traffic[e] = rps(edges.get(e).relation(), edges.get(e).properties());
        }
        Integer root = index.get(resource);
        GraphCap.Selection selection = GraphCap.select(new GraphCap.Graph(index.size(), source, target, traffic), limit,
                root == null ? new int[0] : new int[] {root},
                mode == Mode.IMPACT ? GraphCap.Direction.TOWARDS_PINNED : GraphCap.Direction.EITHER);
        NodeGraphFrames frames = new NodeGraphFrames();
        for (int n : selection.nodes()) {
            OpsGraphReader.Node node = graph.nodes().get(n);
            boolean selected = node.urn().equals(resource);
            frames.node(node.urn(), node.name(), node.type(), selected ? "selected" : "", "", selected ? 1 : 0);
        }
        for (int e : selection.edges()) {
            OpsGraphReader.Edge edge = edges.get(e);
            JsonNode properties = edge.properties();
            frames.edge(edge.src(), edge.dst(), edgeStat(edge.relation(),
                    properties != null && properties.has("rps") ? properties.get("rps").asDouble() : Double.NaN,
                    properties == null ? 0 : properties.path("err_rate").asDouble()));
        }
        describe(frames, selection.truncated(), selection.nodes().length, index.size(), selection.edges().length, edges.size(), limit,
                String.format(Locale.ROOT,
                "within %d hops of %s, nearest first, then the most call traffic and relations. Narrow it: fewer hops or one"
                        + " relation (%s)", hops, resource, narrowerRelations()));
        return frames.build();
    }

    /**
     * The edges valid at {@code at}, as {@code topology_at} returns them, from the tenant's edges in memory; their nodes
     * ranked by call traffic, then relations, and capped. The capped graph is remembered with the edges: until the topology
     * changes, every request for the same period, relation and limit reuses it (the period after the latest change is
     * what a dashboard asks for at "now").
     */
    private List<DataFrame> at(QueryContext context, Instant at, Relation relation, int limit) {
        TopologyEdgeCache.Edges all = edgeCache.edges(context.db(), context.tenantId());
        long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
        CappedTopology capped = CappedTopology.at(all, micros, relation, limit);
        Map<Long, String[]> resources = resources(context, capped.nodes());
        NodeGraphFrames frames = new NodeGraphFrames();
        for (long id : capped.nodes()) {
            String[] resource = resources.get(id);
            frames.node(resource[0], resource[1], resource[2], "", "", 0);
        }
        // Edges in topology_at's order: relation, source URN, target URN.
        record Row(String relation, String source, String target, String stat) {
        }
        List<Row> rows = new ArrayList<>(capped.edgeSource().length);
        for (int i = 0; i < capped.edgeSource().length; i++) {
            rows.add(new Row(capped.edgeRelation()[i], resources.get(capped.edgeSource()[i])[0], resources.get(capped.edgeTarget()[i])[0],
                    capped.edgeStat()[i]));
        }
        rows.sort(Comparator.comparing(Row::relation).thenComparing(Row::source).thenComparing(Row::target));
        for (Row row : rows) {
            frames.edge(row.source(), row.target(), row.stat());
        }
        describe(frames, capped.truncated(), capped.nodes().length, capped.totalNodes(), rows.size(), capped.totalEdges(), limit,
                "at " + at + ": those with the most call traffic, then the most relations. Narrow it: a resource with hops (its"
                        + " neighbourhood or impact), or one relation (" + narrowerRelations() + ")");
        return frames.build();
    }

    /** URN, name and type of the kept resources, read per request: renaming a resource does not change the topology. */
    private static Map<Long, String[]> resources(QueryContext context, long[] ids) {
        Map<Long, String[]> resources = new HashMap<>();
        context.db().select(DIM_RESOURCE.RESOURCE_ID, DIM_RESOURCE.URN, DIM_RESOURCE.NAME, DIM_RESOURCE.TYPE).from(DIM_RESOURCE)
                .where(DIM_RESOURCE.RESOURCE_ID.eq(DSL.any(Arrays.stream(ids).boxed().toArray(Long[]::new))))
                .forEach(r -> resources.put(r.value1(), new String[] {r.value2(), r.value3(), r.value4()}));
        return resources;
    }

    private void describe(NodeGraphFrames frames, boolean truncated, int shownNodes, int nodes, int shownEdges, int edges, int limit,
                          String how) {
        frames.custom(Map.of("truncated", truncated, "nodes", nodes, "edges", edges, "limit", limit));
        if (truncated) {
            frames.notice("warning", String.format(Locale.ROOT, "Showing %d of %d resources and the %d of %d relations among them, %s;"
                    + " or raise limit (at most %d).", shownNodes, nodes, shownEdges, edges, how, maxNodes));
        }
    }

    private static String narrowerRelations() {
        return String.join(", ", Payloads.names(Relation.class).subList(1, Relation.values().length));
    }

    /** An edge's weight in the ranking: a call's requests per second, 0 for anything else. */
    private static double rps(String relation, JsonNode properties) {
        double rps = "CALLS".equals(relation) && properties != null ? properties.path("rps").asDouble(0) : 0;
        return rps > 0 ? rps : 0;
    }

    /** Calls with a known rate show it and their errors; other edges their relation. */
    static String edgeStat(String relation, double rps, double errRate) {
        if ("CALLS".equals(relation) && !Double.isNaN(rps)) {
            return String.format(Locale.ROOT, "%.1f rps, %.1f%% err", rps, 100 * errRate);
        }
        return relation;
    }
}
