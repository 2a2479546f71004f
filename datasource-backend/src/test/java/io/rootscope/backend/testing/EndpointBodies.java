package io.rootscope.backend.testing;

import java.time.Instant;
import java.util.List;

/**
 * Every POST endpoint of the backend with its declared content type and a body of that kind that goes on as long as
 * it is written (see {@link RawHttp.Body}): records the endpoint's parser accepts one after another, so a parser that
 * reads while the body streams in keeps reading until the limit stops it.
 */
public final class EndpointBodies {

    /** A whole second a minute ago: within the lateness horizon, so that the bodies within the limit are taken. */
    private static final long RECENT_NANOS = Instant.now().minusSeconds(60).getEpochSecond() * 1_000_000_000L;

    public record Endpoint(String path, String contentType, RawHttp.Body body) {
    }

    private static final RawHttp.Body JSON_ARRAY = new RawHttp.Body("{\"payload\":[", "{\"target\":\"services\"},");

    public static final List<Endpoint> ALL = List.of(
            new Endpoint("/metrics", "application/json", JSON_ARRAY),
            new Endpoint("/metric-payload-options", "application/json", JSON_ARRAY),
            new Endpoint("/query", "application/json",
                    new RawHttp.Body("{\"targets\":[", "{\"refId\":\"A\",\"target\":\"incidents\",\"payload\":{}},")),
            new Endpoint("/variable", "application/json", JSON_ARRAY),
            new Endpoint("/tag-keys", "application/json", JSON_ARRAY),
            new Endpoint("/tag-values", "application/json", JSON_ARRAY),
            new Endpoint("/alerts/grafana", "application/json", new RawHttp.Body("{\"alerts\":[",
                    "{\"status\":\"firing\",\"fingerprint\":\"f1\",\"startsAt\":\"2026-01-01T00:00:00Z\",\"labels\":{\"service\":\"carts\"}},")),
            new Endpoint("/events/anteater", "application/json", new RawHttp.Body("[",
                    "{\"Timestamp\":1721125159975,\"Attributes\":{\"entity_id\":\"475ae627_l7_3459438\",\"event_id\":\"1721125159975_475ae627\","
                            + "\"event_type\":\"app\"},\"Resource\":{\"anomaly_score\":0.35,\"metric_label\":{\"pod\":\"default/carts-1\"},"
                            + "\"metrics\":\"gala_gopher_l7_latency_avg\"},\"SeverityText\":\"WARN\",\"Body\":\"latency\"},")),
            new Endpoint("/v1/traces", "application/json", new RawHttp.Body(
                    "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"carts\"}}]},"
                            + "\"scopeSpans\":[{\"spans\":[",
                    "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"00f067aa0ba902b7\",\"name\":\"GET /cart\",\"kind\":2,"
                            + "\"startTimeUnixNano\":\"" + RECENT_NANOS + "\",\"endTimeUnixNano\":\"" + (RECENT_NANOS + 120_000_000L) + "\"},")),
            new Endpoint("/v1/logs", "application/json", new RawHttp.Body(
                    "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"carts\"}}]},"
                            + "\"scopeLogs\":[{\"logRecords\":[",
                    "{\"timeUnixNano\":\"" + RECENT_NANOS + "\",\"severityText\":\"ERROR\",\"body\":{\"stringValue\":\"cart 42 not found\"}},")),
            new Endpoint("/v1/logs/text", "text/plain", new RawHttp.Body("", Instant.ofEpochSecond(0, RECENT_NANOS) + " carts cart 42 not found\n")),
            new Endpoint("/etl/replay", "application/json", JSON_ARRAY));

    private EndpointBodies() {
    }
}
