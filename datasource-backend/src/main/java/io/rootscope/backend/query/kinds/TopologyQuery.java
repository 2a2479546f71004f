package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.TOPO_EDGE_TIME;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.db.schema.tables.DimResource;
import io.rootscope.backend.graph.OpsGraphReader;
import io.rootscope.backend.http.BadRequestException;
import io.rootscope.backend.http.Json;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.protocol.NodeGraphFrames;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * {@code topology}: a Node Graph of resources and their relations. Without a resource, the whole topology as
 * it was at time {@code at} (from {@code topo_edge_time}, as {@code topology_at} gives it); with a resource, its current
 * k-hop neighbourhood or impact set (from the AGE graph).
 */
public final class TopologyQuery implements QueryKind {

    public enum Relation { ALL, CALLS, CONNECTS_TO, RUNS_ON }

    public enum Mode { NEIGHBOURHOOD, IMPACT }

    record Payload(String at, String relation, String resource, Integer hops, String mode) {
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
                PayloadOption.select("mode", "Mode", Payloads.names(Mode.class)));
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        Payload payload = Json.convert(json, Payload.class, "payload");
        Relation relation = Payloads.choice(payload.relation(), Relation.class, Relation.ALL, "relation");
        if (payload.resource() == null || payload.resource().isBlank()) {
            Instant at = Payloads.instant(payload.at(), context.to(), "at");
            return at(context, at, relation);
        }
        if (payload.at() != null) {
            throw new BadRequestException("payload.at", "cannot be combined with resource: neighbourhoods come from the current graph");
        }
        int hops = Payloads.bounded(payload.hops(), 2, 1, OpsGraphReader.MAX_HOPS, "hops");
        Mode mode = Payloads.choice(payload.mode(), Mode.class, Mode.NEIGHBOURHOOD, "mode");
        OpsGraphReader.Subgraph graph = context.db().connectionResult(connection -> {
            OpsGraphReader reader = new OpsGraphReader(connection);
            return mode == Mode.IMPACT ? reader.impact(context.tenantId(), payload.resource(), hops)
                    : reader.neighbourhood(context.tenantId(), payload.resource(), hops);
        });
        NodeGraphFrames frames = new NodeGraphFrames();
        for (OpsGraphReader.Node node : graph.nodes()) {
            frames.node(node.urn(), node.name(), node.type(), node.urn().equals(payload.resource()) ? "selected" : "", "",
                    node.urn().equals(payload.resource()) ? 1 : 0);
        }
        for (OpsGraphReader.Edge edge : graph.edges()) {
            if (relation == Relation.ALL || relation.name().equals(edge.relation())) {
                frames.edge(edge.src(), edge.dst(), edgeStat(edge.relation(), edge.properties()));
            }
        }
        return frames.build();
    }

    /**
     * The edges valid at {@code at}, as {@code topology_at} returns them. Queried here rather than filtered from that
     * function: it is not inlined (it pins its search_path), so a relation filter on its result would come after it built,
     * joined and sorted every edge of the tenant, while here the relation reaches the index.
     */
    private static List<DataFrame> at(QueryContext context, Instant at, Relation relation) {
        DimResource src = DIM_RESOURCE.as("src");
        DimResource dst = DIM_RESOURCE.as("dst");
        var edges = context.db().select(TOPO_EDGE_TIME.RELATION, src.URN, src.TYPE, src.NAME, dst.URN, dst.TYPE, dst.NAME, TOPO_EDGE_TIME.PROPS)
                .from(TOPO_EDGE_TIME)
                .join(src).on(src.RESOURCE_ID.eq(TOPO_EDGE_TIME.SRC_RESOURCE_ID))
                .join(dst).on(dst.RESOURCE_ID.eq(TOPO_EDGE_TIME.DST_RESOURCE_ID))
                .where(TOPO_EDGE_TIME.TENANT_ID.eq(context.tenantId()))
                .and(DSL.condition("{0} @> {1}", TOPO_EDGE_TIME.VALID, DSL.val(Payloads.utc(at))))
                .and(relation == Relation.ALL ? DSL.noCondition() : TOPO_EDGE_TIME.RELATION.eq(relation.name()))
                .orderBy(TOPO_EDGE_TIME.RELATION, src.URN, dst.URN)
                .fetch();
        Map<String, String[]> nodes = new LinkedHashMap<>();
        NodeGraphFrames frames = new NodeGraphFrames();
        for (var edge : edges) {
            nodes.putIfAbsent(edge.value2(), new String[] {edge.value4(), edge.value3()});
            nodes.putIfAbsent(edge.value5(), new String[] {edge.value7(), edge.value6()});
            // Only calls show their properties: parsing those of the other edges would be wasted.
            JsonNode props = edge.value8() == null || !"CALLS".equals(edge.value1()) ? null
                    : Json.read(edge.value8().data(), JsonNode.class, "props");
            frames.edge(edge.value2(), edge.value5(), edgeStat(edge.value1(), props));
        }
        nodes.forEach((urn, nameAndType) -> frames.node(urn, nameAndType[0], nameAndType[1], "", "", 0));
        return frames.build();
    }

    /** Calls show their rate and errors; other relations their label. */
    private static String edgeStat(String relation, JsonNode properties) {
        if ("CALLS".equals(relation) && properties != null && properties.has("rps")) {
            return String.format(java.util.Locale.ROOT, "%.1f rps, %.1f%% err", properties.get("rps").asDouble(),
                    100 * properties.path("err_rate").asDouble());
        }
        return relation;
    }
}
