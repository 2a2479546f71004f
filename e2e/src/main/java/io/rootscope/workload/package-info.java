/**
 * A simulator of the Weaveworks Sock Shop on Kubernetes with Istio, for end-to-end tests of root-cause
 * analysis: it serves the metrics the real system's exporters would, pushes OTLP traces and logs, and takes
 * Chaos Mesh style faults whose ground truth it records.
 *
 * <h2>Running</h2>
 * {@link io.rootscope.workload.WorkloadMain} ({@code --help} lists the options), or in-process with
 * {@link io.rootscope.workload.WorkloadApp#start}. Simulation time is the wall clock; the simulation itself
 * ({@link io.rootscope.workload.sim.Simulation}) is stepped with any time source.
 *
 * <h2>HTTP API</h2>
 * <ul>
 * <li>{@code GET /metrics}: Prometheus text format 0.0.4.</li>
 * <li>{@code POST /faults} {@code {"type", "target", "durationSeconds", "intensity", "startDelaySeconds"?}}:
 *     201 with the fault; 400 {@code {"error", "field"}} when invalid.</li>
 * <li>{@code GET /faults}: every fault with status and actual {@code startedAt} / {@code endedAt};
 *     {@code GET /faults/{id}}; {@code DELETE /faults/{id}} cancels.</li>
 * <li>{@code GET /topology}: services, pods, nodes and call edges; {@code GET /status}: ticks and OTLP counters.</li>
 * </ul>
 *
 * <h2>Metrics</h2>
 * Istio ({@code istio_requests_total}, {@code istio_request_duration_milliseconds_bucket|sum|count}) with both
 * reporters, as Istio does: {@code reporter="destination"} is the server sidecar's view, {@code reporter="source"}
 * the caller's, which alone includes network delay, retransmissions and connection failures (503 with
 * {@code response_flags} {@code UH} or {@code UF}); external traffic has {@code source_workload="unknown"} and
 * only a destination report. cAdvisor ({@code container_cpu_usage_seconds_total}, {@code container_memory_*},
 * {@code container_fs_reads_bytes_total}, {@code container_fs_writes_bytes_total}) and kube-state-metrics
 * ({@code kube_pod_info}, {@code kube_pod_status_ready}, {@code kube_pod_container_status_restarts_total}) per pod;
 * node-exporter per {@code node}; blackbox-exporter probes per {@code module} and {@code target}; ping-exporter
 * RTT and loss per {@code target}.
 */
package io.rootscope.workload;
