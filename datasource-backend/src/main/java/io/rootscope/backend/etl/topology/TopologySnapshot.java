package io.rootscope.backend.etl.topology;

import io.rootscope.backend.etl.write.ObservedResource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole topology a source shows at one moment: its resources and the edges between them. An edge missing
 * from a later snapshot of the same source has vanished.
 *
 * @param rejected records of the source left out of the snapshot, each with the reason
 */
public record TopologySnapshot(List<ObservedResource> resources, List<TopologyEdge> edges, List<String> rejected) {

    public TopologySnapshot {
        resources = List.copyOf(resources);
        edges = List.copyOf(edges);
        rejected = List.copyOf(rejected);
        Set<String> urns = new HashSet<>();
        resources.forEach(r -> urns.add(r.urn()));
        for (int i = 0; i < edges.size(); i++) {
            TopologyEdge edge = edges.get(i);
            if (!urns.contains(edge.srcUrn())) {
                throw new IllegalArgumentException("edges[" + i + "].src: '" + edge.srcUrn() + "' is not among the resources");
            }
            if (!urns.contains(edge.dstUrn())) {
                throw new IllegalArgumentException("edges[" + i + "].dst: '" + edge.dstUrn() + "' is not among the resources");
            }
        }
    }
}
