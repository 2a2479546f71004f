package io.rootscope.backend.etl.topology;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.runtime.SourceUnavailableException;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.graph.GraphRelation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Reads the network topology that the graph-builder keeps in Neo4j: {@code (:Device {name, type?, urn?})} nodes
 * and {@code (:Device)-[:CONNECTS_TO]->(:Device)} relations. A device is {@code urn:net:device:<name>} (a DNS
 * name, lower-cased) unless it carries a {@code urn}; its type defaults to {@code device}. A device whose name or
 * URN is unusable is left out (with its relations) and reported in the snapshot's rejected list. A Neo4j that
 * cannot be reached or refuses the query is a {@link SourceUnavailableException}.
 */
public final class Neo4jTopologySource implements TopologySource {

    private static final String DEVICES = "MATCH (d:Device) RETURN elementId(d) AS id, d.name AS name, d.type AS type, d.urn AS urn";
    private static final String LINKS = """
            MATCH (a:Device)-[r:CONNECTS_TO]->(b:Device)
            RETURN elementId(a) AS src, elementId(b) AS dst, properties(r) AS props""";

    private final Driver driver;
    private final String database;

    /** @param database the Neo4j database to read, or null for the server's default */
    public Neo4jTopologySource(Driver driver, String database) {
        this.driver = driver;
        this.database = database;
    }

    @Override
    public String name() {
        return "neo4j";
    }

    @Override
    public TopologySnapshot read() throws SourceUnavailableException {
        SessionConfig config = database == null ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
        try (var session = driver.session(config)) {
            return session.executeRead(tx -> snapshot(tx.run(DEVICES).list(), tx.run(LINKS).list()));
        } catch (Neo4jException e) {
            throw new SourceUnavailableException("neo4j unavailable: " + e.getMessage(), e);
        }
    }

    private static TopologySnapshot snapshot(List<Record> devices, List<Record> links) {
        Map<String, ObservedResource> byId = new LinkedHashMap<>();
        List<String> rejected = new ArrayList<>();
        for (Record device : devices) {
            String name = device.get("name").isNull() ? null : device.get("name").asObject().toString();
            String type = device.get("type").isNull() ? "device" : device.get("type").asObject().toString();
            try {
                byId.put(device.get("id").asString(), device.get("urn").isNull()
                        ? ObservedResource.of(Urn.networkDevice(name), type)
                        : new ObservedResource(device.get("urn").asObject().toString(), type, name == null ? device.get("urn").asString() : name));
            } catch (IllegalArgumentException e) {
                rejected.add("device " + device.get("id").asString() + ": " + e.getMessage());
            }
        }
        List<TopologyEdge> edges = new ArrayList<>();
        for (Record link : links) {
            ObservedResource src = byId.get(link.get("src").asString());
            ObservedResource dst = byId.get(link.get("dst").asString());
            if (src == null || dst == null) {
                rejected.add("CONNECTS_TO " + link.get("src").asString() + " -> " + link.get("dst").asString() + ": an end device was rejected");
                continue;
            }
            edges.add(new TopologyEdge(src.urn(), dst.urn(), GraphRelation.CONNECTS_TO, jsonValues(link.get("props"))));
        }
        return new TopologySnapshot(List.copyOf(byId.values()), edges, rejected);
    }

    /** Neo4j temporal and spatial values have no JSON form: they are kept as their text. */
    private static Map<String, Object> jsonValues(Value props) {
        Map<String, Object> values = new LinkedHashMap<>();
        props.asMap(value -> {
            Object plain = value.asObject();
            return plain instanceof String || plain instanceof Number || plain instanceof Boolean || plain instanceof List<?>
                    ? plain : plain.toString();
        }).forEach(values::put);
        return values;
    }
}
