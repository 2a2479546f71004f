package io.rootscope.workload.sim;

import java.util.HashMap;
import java.util.Map;

/** Bytes and TCP segments each service's pod sent and received during one tick. */
public final class NetworkTally {

    /** Typical Sock Shop request and response sizes (JSON over HTTP/1.1). */
    public static final double REQUEST_BYTES = 900;
    public static final double RESPONSE_BYTES = 3500;
    /** Ethernet MSS. */
    public static final double SEGMENT_BYTES = 1448;

    private static final class Totals {
        double sentBytes;
        double receivedBytes;
        double segmentsOut;
        double retransmits;
    }

    private final Map<String, Totals> byService = new HashMap<>();

    /** One call: the request leaves the caller for the callee and, if answered, the response comes back. */
    public void call(String caller, String callee, boolean answered, int requestRetransmits, int responseRetransmits) {
        send(caller, callee, REQUEST_BYTES, requestRetransmits);
        if (answered) {
            send(callee, caller, RESPONSE_BYTES, responseRetransmits);
        }
    }

    /** A request from outside the cluster answered by {@code service}. */
    public void external(String service) {
        totals(service).receivedBytes += REQUEST_BYTES;
        sent(service, RESPONSE_BYTES, 0);
    }

    private void send(String from, String to, double bytes, int retransmits) {
        sent(from, bytes, retransmits);
        totals(to).receivedBytes += bytes;
    }

    private void sent(String service, double bytes, int retransmits) {
        Totals totals = totals(service);
        totals.sentBytes += bytes;
        totals.segmentsOut += Math.ceil(bytes / SEGMENT_BYTES) + retransmits;
        totals.retransmits += retransmits;
    }

    public double sentBytes(String service) {
        return totals(service).sentBytes;
    }

    public double receivedBytes(String service) {
        return totals(service).receivedBytes;
    }

    public double segmentsOut(String service) {
        return totals(service).segmentsOut;
    }

    public double retransmits(String service) {
        return totals(service).retransmits;
    }

    private Totals totals(String service) {
        return byService.computeIfAbsent(service, s -> new Totals());
    }
}
