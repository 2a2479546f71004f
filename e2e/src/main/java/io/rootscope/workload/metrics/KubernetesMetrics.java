package io.rootscope.workload.metrics;

import io.rootscope.workload.sim.PodSample;
import io.rootscope.workload.topology.Topology;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** cAdvisor container metrics and the kube-state-metrics pod series that tie pods to nodes. */
final class KubernetesMetrics {

    /** The block device cAdvisor attributes container filesystem I/O to. */
    static final String DEVICE = "/dev/sda";

    private KubernetesMetrics() {
    }

    static void write(ExpositionWriter out, List<PodSample> pods, Topology topology) {
        String namespace = topology.namespace();
        container(out, pods, namespace, "container_cpu_usage_seconds_total", "counter",
                "Cumulative cpu time consumed in seconds.", PodSample::cpuSecondsTotal, false);
        container(out, pods, namespace, "container_memory_usage_bytes", "gauge",
                "Current memory usage in bytes, including all memory regardless of when it was accessed.",
                PodSample::memoryBytes, false);
        container(out, pods, namespace, "container_memory_working_set_bytes", "gauge",
                "Current working set in bytes.", pod -> pod.memoryBytes() * 0.92, false);
        container(out, pods, namespace, "container_spec_memory_limit_bytes", "gauge",
                "Memory limit for the container.",
                pod -> topology.service(pod.service()).profile().memoryLimitBytes(), false);
        container(out, pods, namespace, "container_fs_reads_bytes_total", "counter",
                "Cumulative count of bytes read.", PodSample::fsReadBytesTotal, true);
        container(out, pods, namespace, "container_fs_writes_bytes_total", "counter",
                "Cumulative count of bytes written.", PodSample::fsWriteBytesTotal, true);

        out.family("kube_pod_info", "gauge", "Information about pod.");
        for (PodSample pod : pods) {
            out.sample("kube_pod_info", Labels.of("namespace", namespace).and("pod", pod.pod())
                    .and("node", pod.host()).and("pod_ip", pod.ip())
                    .and("created_by_kind", "ReplicaSet")
                    .and("created_by_name", pod.pod().substring(0, pod.pod().lastIndexOf('-'))), 1);
        }
        out.family("kube_pod_status_ready", "gauge", "Describes whether the pod is ready to serve requests.");
        for (PodSample pod : pods) {
            out.sample("kube_pod_status_ready", Labels.of("namespace", namespace).and("pod", pod.pod())
                    .and("condition", "true"), pod.ready() ? 1 : 0);
        }
        out.family("kube_pod_container_status_restarts_total", "counter",
                "The number of container restarts per container.");
        for (PodSample pod : pods) {
            out.sample("kube_pod_container_status_restarts_total", Labels.of("namespace", namespace)
                    .and("pod", pod.pod()).and("container", pod.service()), pod.restarts());
        }
    }

    private static void container(ExpositionWriter out, List<PodSample> pods, String namespace, String name,
            String type, String help, ToDoubleFunction<PodSample> value, boolean perDevice) {
        out.family(name, type, help);
        for (PodSample pod : pods) {
            Labels labels = Labels.of("namespace", namespace).and("pod", pod.pod()).and("container", pod.service())
                    .and("node", pod.host()).and("image", "weaveworksdemos/" + pod.service());
            if (perDevice) {
                labels.and("device", DEVICE);
            }
            out.sample(name, labels, value.applyAsDouble(pod));
        }
    }
}
