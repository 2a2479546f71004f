package io.rootscope.workload.sim;

/**
 * The label set of one Istio standard-metrics series.
 *
 * @param reporter            {@code source} (client sidecar) or {@code destination} (server sidecar)
 * @param sourceWorkload      calling workload, {@code unknown} for traffic from outside the mesh
 * @param destinationWorkload called workload
 * @param responseCode        HTTP status code
 * @param responseFlags       Envoy response flags ({@code -}, {@code UH} no healthy upstream, {@code UF} upstream
 *                            connection failure)
 */
public record RequestSeries(
        String reporter,
        String sourceWorkload,
        String destinationWorkload,
        String responseCode,
        String responseFlags) {

    public static final String SOURCE = "source";
    public static final String DESTINATION = "destination";
    /** What Istio reports as the source of requests from outside the mesh. */
    public static final String OUTSIDE_MESH = "unknown";
}
