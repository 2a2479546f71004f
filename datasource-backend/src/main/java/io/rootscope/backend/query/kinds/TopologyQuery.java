package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.db.schema.Tables.TOPOLOGY_AT;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.db.schema.tables.records.TopologyAtRecord;
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
 * it was at time {@code at} (from {@code topo_edge_time}, via {@code topology_at}); with a resource, its current
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

    private static List<DataFrame> at(QueryContext context, Instant at, Relation relation) {
        List<TopologyAtRecord> edges = context.db().selectFrom(TOPOLOGY_AT.call(context.tenant(), Payloads.utc(at)))
                .where(relation == Relation.ALL ? DSL.noCondition() : TOPOLOGY_AT.RELATION.eq(relation.name()))
                .fetch();
        Map<String, String[]> nodes = new LinkedHashMap<>();
        NodeGraphFrames frames = new NodeGraphFrames();
        for (TopologyAtRecord edge : edges) {
            nodes.putIfAbsent(edge.getSrcUrn(), new String[] {edge.getSrcName(), edge.getSrcType()});
            nodes.putIfAbsent(edge.getDstUrn(), new String[] {edge.getDstName(), edge.getDstType()});
            JsonNode props = edge.getProps() == null ? null : Json.read(edge.getProps().data(), JsonNode.class, "props");
            frames.edge(edge.getSrcUrn(), edge.getDstUrn(), edgeStat(edge.getRelation(), props));
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
