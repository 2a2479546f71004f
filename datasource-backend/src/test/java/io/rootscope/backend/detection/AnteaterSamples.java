package io.rootscope.backend.detection;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** gala-anteater anomaly events modelled on the examples of its manual, for parser and ingestion tests. */
final class AnteaterSamples {

    /** The manual's example: an SLI anomaly of a TCP connection on a host, with one recommended metric. */
    static final String HOST_EVENT = """
            {
              "Timestamp": 1659075600000,
              "Attributes": {"entity_id": "1fd37742xxxx_sli_1513_18", "event_id": "1659075600000_1fd37742xxxx_sli_1513_18", "event_type": "app"},
              "Resource": {
                "anomaly_score": 1.0, "anomaly_count": 13, "total_count": 13, "duration": 60, "anomaly_ratio": 1.0,
                "metric_label": {"machine_id": "1fd37742xxxx", "tgid": "1513", "conn_fd": "18"},
                "recommend_metrics": {
                  "gala_gopher_tcp_link_notack_bytes": {
                    "label": {"__name__": "gala_gopher_tcp_link_notack_bytes", "hostname": "localhost.localdomain",
                              "machine_id": "1fd37742xxxx", "server_port": "8888", "tgid": "3381701"},
                    "score": 0.24421279500639545
                  }
                },
                "metrics": "gala_gopher_ksliprobe_recent_rtt_nsec"
              },
              "SeverityText": "WARN",
              "SeverityNumber": 14,
              "Body": "TimeStamp, WARN, APP may be impacting sli performance issues."
            }""";

    /** An L7 latency anomaly of a pod, with cause metrics of two other pods (the manual's RCA example). */
    static final String POD_EVENT = """
            {
              "Timestamp": 1721125159975,
              "Attributes": {"entity_id": "475ae627_l7_3459438", "event_id": "1721125159975_475ae627_l7_3459438", "event_type": "app"},
              "Resource": {
                "anomaly_score": 0.35, "duration": 30,
                "metric_label": {"machine_id": "66086618-3bad-489e-b17d-05245224f29a-192.168.122.102",
                                 "pod": "default/backend-node2-01-5bcb47fd7c-4jxxs", "pod_namespace": "default", "tgid": 3459438},
                "metrics": "gala_gopher_l7_latency_sum",
                "cause_metrics": [
                  {"metric_id": "gala_gopher_container_cpu_user_seconds_total@4a9fcc23", "entity_id": "",
                   "metric_labels": {"pod": "default/backend-node3-02-654dd97bf9-s8jg5", "machine_id": "494a61be-192.168.122.103"},
                   "desc": "container user CPU per second", "score": 0.1194249668036936},
                  {"metric_id": "gala_gopher_proc_wchar_bytes@67134fb4",
                   "metric_labels": {"pod": "default/backend-node2-02-548c79d989-bnl9g"}, "score": 0.37121879175399997}
                ]
              },
              "SeverityText": "WARN",
              "Body": "A cause inferring event for an abnormal event"
            }""";

    static final String HOST_URN = "urn:host:1fd37742xxxx";
    static final String POD_URN = "urn:k8s:pod:default/backend-node2-01-5bcb47fd7c-4jxxs";
    static final String CAUSE_POD_URN = "urn:k8s:pod:default/backend-node3-02-654dd97bf9-s8jg5";

    private AnteaterSamples() {
    }

    /** {@code event} with the first occurrence of {@code from} replaced. */
    static String with(String event, String from, String to) {
        if (!event.contains(from)) {
            throw new IllegalArgumentException("sample has no '" + from + "'");
        }
        return event.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    static String array(String... events) {
        return "[" + String.join(",\n", events) + "]";
    }

    static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
