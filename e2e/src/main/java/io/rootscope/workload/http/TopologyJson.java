package io.rootscope.workload.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootscope.workload.sim.PodSample;
import io.rootscope.workload.topology.Call;
import io.rootscope.workload.topology.Host;
import io.rootscope.workload.topology.Service;
import io.rootscope.workload.topology.Topology;
import java.util.List;

/**
 * The simulated system as JSON, the reference an RCA's reconstructed topology is compared with: services with
 * their current pod and node, the call edges (caller to callee, as Istio reports source to destination) and
 * the nodes.
 */
final class TopologyJson {

    private TopologyJson() {
    }

    static ObjectNode toJson(ObjectMapper mapper, Topology topology, List<PodSample> pods) {
        ObjectNode node = mapper.createObjectNode();
        node.put("namespace", topology.namespace());
        node.put("entryService", topology.entryService());
        ArrayNode services = node.putArray("services");
        for (Service service : topology.services()) {
            ObjectNode entry = services.addObject();
            entry.put("name", service.name());
            entry.put("kind", service.kind().name());
            entry.put("runtime", service.runtime());
            entry.put("destinationService", service.fqdn(topology.namespace()));
            entry.put("host", topology.hostOf(service.name()).name());
            pods.stream().filter(p -> p.service().equals(service.name())).findFirst()
                    .ifPresent(pod -> entry.put("pod", pod.pod()));
        }
        ArrayNode calls = node.putArray("calls");
        for (Call call : topology.calls()) {
            calls.addObject().put("caller", call.caller()).put("callee", call.callee())
                    .put("callsPerRequest", call.callsPerRequest());
        }
        ArrayNode hosts = node.putArray("hosts");
        for (Host host : topology.hosts()) {
            hosts.addObject().put("name", host.name()).put("cores", host.cores()).put("memoryBytes", host.memoryBytes());
        }
        return node;
    }
}
