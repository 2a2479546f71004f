package io.rootscope.backend.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.StoredData;
import io.rootscope.backend.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The abuse test of issue 18: a corpus of malformed requests sent to every endpoint of the whole runtime. Each must
 * get a 4xx in the one error shape (a 400 names its field), without a stack trace or a Java class name, and must leave
 * every stored row as it was. To cover a new endpoint, add a row to {@link #ENDPOINTS}: the generic corpus is sent
 * to it too, except the cases it lists as legitimately accepted.
 */
class MalformedInputTest {

    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain";
    private static final Pattern INTERNALS = Pattern.compile("java\\.|javax\\.|com\\.fasterxml|io\\.rootscope|Exception|\\tat |\\bat [\\w$.]+\\(|`");
    private static final String YEAR_300000 = "+300000-01-01T00:00:00Z";
    private static final String BEFORE_4713_BC = "-4800-01-01T00:00:00Z";
    private static final String NUL = "\\u0000";
    /** The admin token every request carries (auth is on, so the admin API is reachable too), unless a case sends its own. */
    private static final String ADMIN_TOKEN = "abuse-admin-token";
    /** A seeded incident of the default tenant, so that event-id payloads reach the database. */
    private static final String INCIDENT = "@incident@";

    private static TestDatabase database;
    private static Backend runtime;
    private static StoredData stored;
    private static String incident;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** One request: what is wrong with it, its body, its headers, and the field its 400 must name (null: any). */
    record Abuse(String name, byte[] body, Map<String, String> headers, String field) {

        static Abuse json(String name, String body, String field) {
            return new Abuse(name, body.getBytes(StandardCharsets.UTF_8), Map.of(), field);
        }
    }

    /** One endpoint: how it is called, the generic cases it rightly accepts, and the cases only it understands. */
    record Endpoint(String method, String path, String contentType, Set<String> accepts, List<Abuse> specific) {
    }

    private static List<Abuse> generic() {
        String deep = "[".repeat(1500) + "]".repeat(1500);
        return List.of(
                Abuse.json("empty", "", null),
                Abuse.json("blank", "  \n ", null),
                Abuse.json("not JSON", "hello world", null),
                Abuse.json("JSON null", "null", null),
                Abuse.json("array", "[]", null),
                Abuse.json("array of null", "[null]", null),
                Abuse.json("string", "\"text\"", null),
                Abuse.json("number", "42", null),
                Abuse.json("huge number", "1e999999", null),
                Abuse.json("NaN", "NaN", null),
                Abuse.json("truncated", "{\"a\": ", null),
                Abuse.json("deep nesting", deep, null),
                Abuse.json("deep nesting in a field", "{\"a\": " + deep + "}", null),
                Abuse.json("NUL field name", "{\"" + NUL + "\": \"" + NUL + "\"}", null),
                Abuse.json("unknown fields", "{\"unknownField\": 1, \"other\": {\"x\": [1, 2]}}", null),
                new Abuse("raw NUL byte", new byte[] {0}, Map.of(), null),
                new Abuse("invalid UTF-8", bytes("{\"a\": \"", new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, "\"}"), Map.of(), null),
                new Abuse("UTF-32 byte order mark", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, '{', 0, 0, 0}, Map.of(), null));
    }

    /** OTLP receivers ignore fields they do not know (OTLP specification): such a body is an empty export, a 200. */
    private static final Set<String> OTLP_IGNORED = Set.of("unknown fields", "NUL field name");

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/", null, Set.of("*"), List.of(
                    new Abuse("unknown tenant", new byte[0], Map.of("X-Rootscope-Tenant", "nobody"), "X-Rootscope-Tenant"),
                    new Abuse("huge tenant", new byte[0], Map.of("X-Rootscope-Tenant", "t".repeat(4000)), "X-Rootscope-Tenant"))),
            new Endpoint("POST", "/metrics", JSON, Set.of("empty", "blank", "unknown fields", "NUL field name", "invalid UTF-8"), List.of(
                    Abuse.json("metric not a string", "{\"metric\": []}", "body.metric"))),
            new Endpoint("POST", "/metric-payload-options", JSON, Set.of(), List.of(
                    Abuse.json("metric not a string", "{\"metric\": {}, \"name\": \"resource\"}", "body.metric"),
                    Abuse.json("NUL in the metric", "{\"metric\": \"" + NUL + "\", \"name\": \"resource\"}", "body.metric"),
                    Abuse.json("payload not an object", "{\"metric\": \"metrics\", \"name\": \"resource\", \"payload\": [1]}", null))),
            new Endpoint("POST", "/query", JSON, Set.of(), queryCases()),
            new Endpoint("POST", "/variable", JSON, Set.of(), List.of(
                    Abuse.json("payload null in an array", "{\"payload\": [null]}", "payload"),
                    Abuse.json("NUL in the type", "{\"payload\": {\"target\": \"resources\", \"type\": \"a" + NUL + "\"}}", "payload.type"),
                    Abuse.json("NUL in the resource", "{\"payload\": {\"target\": \"metrics\", \"resource\": \"" + NUL + "\"}}", "payload.resource"),
                    Abuse.json("range in year 300000", "{\"payload\": {\"target\": \"incidents\"}, \"range\": {\"from\": \"" + YEAR_300000
                            + "\", \"to\": \"+300000-01-01T01:00:00Z\"}}", "body.range.from"),
                    Abuse.json("range not a time", "{\"payload\": {\"target\": \"incidents\"}, \"range\": {\"from\": \"soon\", \"to\": \"later\"}}", "body.range.from"))),
            new Endpoint("POST", "/tag-keys", JSON, Set.of("empty", "blank", "unknown fields", "NUL field name", "invalid UTF-8"), List.of()),
            new Endpoint("POST", "/tag-values", JSON, Set.of(), List.of(
                    Abuse.json("key not a string", "{\"key\": []}", "body.key"),
                    Abuse.json("NUL key", "{\"key\": \"" + NUL + "\"}", "body.key"))),
            new Endpoint("POST", "/alerts/grafana", JSON, Set.of(), alertCases()),
            new Endpoint("POST", "/events/anteater", JSON, Set.of("array"), anteaterCases()),
            new Endpoint("POST", "/v1/traces", JSON, OTLP_IGNORED, List.of(
                    Abuse.json("resourceSpans not an array", "{\"resourceSpans\": 7}", null),
                    Abuse.json("span start not a number", "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"0af7651916cd43dd8448eb211c80319c\","
                            + " \"spanId\": \"b7ad6b7169203331\", \"startTimeUnixNano\": [], \"endTimeUnixNano\": \"2\"}]}]}]}", null),
                    Abuse.json("NUL in the service name", otlpResource("resourceSpans", "scopeSpans", "spans", "a" + NUL, "{}"), null))),
            new Endpoint("POST", "/v1/logs", JSON, OTLP_IGNORED, List.of(
                    Abuse.json("NUL in the only record's body", otlpLogs("{\"timeUnixNano\": \"1700000000000000000\", \"body\": {\"stringValue\": \"a"
                            + NUL + "b\"}}"), "resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue"),
                    Abuse.json("NUL in the severity text", otlpLogs("{\"timeUnixNano\": \"1700000000000000000\", \"severityText\": \"" + NUL
                            + "\", \"body\": {\"stringValue\": \"b\"}}"), "resourceLogs[0].scopeLogs[0].logRecords[0].severityText"),
                    Abuse.json("body nested deeper than 1000", otlpLogs("{\"timeUnixNano\": \"1\", \"body\": {\"arrayValue\": {\"values\": "
                            + "[".repeat(1200) + "]".repeat(1200) + "}}}"), "body"),
                    Abuse.json("string over 20 M characters", otlpLogs("{\"timeUnixNano\": \"1\", \"body\": {\"stringValue\": \""
                            + "x".repeat(20_000_001) + "\"}}"), "body"))),
            new Endpoint("POST", "/v1/metrics", JSON, OTLP_IGNORED, List.of(
                    Abuse.json("resourceMetrics not an array", "{\"resourceMetrics\": 7}", "body"),
                    Abuse.json("NUL in the only point's attribute", otlpResource("resourceMetrics", "scopeMetrics", "metrics", "carts",
                            "{\"name\": \"g\", \"gauge\": {\"dataPoints\": [{\"timeUnixNano\": \"1700000000000000000\", \"asDouble\": 1,"
                                    + " \"attributes\": [{\"key\": \"a\", \"value\": {\"stringValue\": \"" + NUL + "\"}}]}]}}"),
                            "resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].attributes[a]"),
                    Abuse.json("the only point of delta temporality", otlpResource("resourceMetrics", "scopeMetrics", "metrics", "carts",
                            "{\"name\": \"c\", \"sum\": {\"aggregationTemporality\": 1, \"isMonotonic\": true, \"dataPoints\": "
                                    + "[{\"timeUnixNano\": \"1700000000000000000\", \"asInt\": \"1\"}]}}"),
                            "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[0]"),
                    Abuse.json("a value of the wrong type", otlpResource("resourceMetrics", "scopeMetrics", "metrics", "carts",
                            "{\"name\": \"g\", \"gauge\": {\"dataPoints\": [{\"timeUnixNano\": \"1\", \"asDouble\": []}]}}"), "body"))),
            new Endpoint("POST", "/v1/logs/text", TEXT, Set.of("empty", "blank"), List.of(
                    Abuse.json("NUL in the only line", "2026-01-01T00:00:00Z cart a\u0000b\n", "line 1"),
                    Abuse.json("time in year 2300", "2300-01-01T00:00:00Z cart late\n", "line 1"),
                    Abuse.json("time in year 1500", "1500-01-01T00:00:00Z cart early\n", "line 1"))),
            new Endpoint("POST", "/v1/logs/text?service=a%00b", TEXT, Set.of("empty", "blank"), List.of(
                    Abuse.json("NUL in the service parameter", "2026-01-01T00:00:00Z fine message\n", "service"))),
            new Endpoint("POST", "/v1/logs/text?service=carts&namespace=a%00b", TEXT, Set.of("empty", "blank"), List.of(
                    Abuse.json("NUL in the namespace parameter", "2026-01-01T00:00:00Z fine message\n", "namespace"))),
            new Endpoint("POST", "/etl/replay", JSON, Set.of(), List.of(
                    Abuse.json("NUL in the tenant", "{\"job\": \"trace_calls_5m\", \"tenant\": \"d" + NUL + "\", \"from\": \"2020-01-01T00:00:00Z\","
                            + " \"to\": \"2020-01-01T00:05:00Z\"}", "body.tenant"),
                    Abuse.json("from before 4713 BC", replay(BEFORE_4713_BC, "-4800-01-01T00:05:00Z"), "body.from"),
                    Abuse.json("to in year 300000", replay("2020-01-01T00:00:00Z", YEAR_300000), "body.to"),
                    Abuse.json("from not a time", replay("yesterday", "2020-01-01T00:00:00Z"), "body.from"),
                    Abuse.json("job not a string", "{\"job\": 5, \"tenant\": \"default\", \"from\": \"2020-01-01T00:00:00Z\", \"to\": \"2020-01-01T00:05:00Z\"}", "job"))),
            new Endpoint("POST", "/incidents/" + INCIDENT + "/diagnose", JSON, Set.of("empty", "blank"), List.of(
                    Abuse.json("unknown method", "{\"method\": \"oracle\"}", "body.method"),
                    Abuse.json("NUL in the method", "{\"method\": \"a" + NUL + "\"}", "body.method"),
                    // The seeded incident names no resource (so that nothing diagnoses it while the corpus runs): refused for that first.
                    Abuse.json("anomaly start in year 300000", "{\"anomaly_start\": \"" + YEAR_300000 + "\"}", null))),
            new Endpoint("POST", "/incidents/not-a-uuid/diagnose", JSON, Set.of(), List.of(
                    Abuse.json("event id not a UUID", "{}", "event_id"))),
            new Endpoint("POST", "/incidents/" + INCIDENT + "/root-cause", JSON, Set.of(), List.of(
                    Abuse.json("no resource", "{\"confirmed_by\": \"alice\"}", "body.resource"),
                    Abuse.json("no one confirming", "{\"resource\": \"urn:k8s:svc:shop/carts\"}", "body.confirmed_by"),
                    Abuse.json("unknown resource", "{\"resource\": \"urn:k8s:svc:shop/nowhere\", \"confirmed_by\": \"alice\"}", "body.resource"),
                    Abuse.json("NUL in who confirmed", "{\"resource\": \"urn:k8s:svc:shop/carts\", \"confirmed_by\": \"a" + NUL + "\"}",
                            "body.confirmed_by"),
                    Abuse.json("resource not a string", "{\"resource\": [1], \"confirmed_by\": \"alice\"}", "body.resource"))),
            new Endpoint("POST", "/incidents/not-a-uuid/root-cause", JSON, Set.of(), List.of(
                    Abuse.json("event id not a UUID", "{}", "event_id"))),
            new Endpoint("POST", "/admin/tenants", JSON, Set.of(), List.of(
                    Abuse.json("code not a string", "{\"code\": [5]}", "body.code"),
                    Abuse.json("code with upper case", "{\"code\": \"Acme\"}", null),
                    Abuse.json("NUL in the code", "{\"code\": \"a" + NUL + "\"}", null),
                    Abuse.json("name of 1 MB", "{\"code\": \"big\", \"name\": \"" + "n".repeat(1 << 20) + "\"}", null),
                    new Abuse("a tenant token", "{\"code\": \"x\"}".getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer wrong"), null))),
            new Endpoint("POST", "/admin/tokens", JSON, Set.of(), List.of(
                    Abuse.json("unknown tenant", "{\"tenants\": [\"nobody\"]}", null),
                    Abuse.json("null tenant", "{\"tenants\": [null]}", null),
                    Abuse.json("neither tenants nor admin", "{}", null))));

    private static List<Abuse> queryCases() {
        String range = "\"range\": {\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-01-01T01:00:00Z\"}";
        List<Abuse> cases = new ArrayList<>(List.of(
                Abuse.json("a null target", "{" + range + ", \"targets\": [null]}", "body.targets[0]"),
                Abuse.json("targets not an array", "{" + range + ", \"targets\": {}}", "body.targets"),
                Abuse.json("a target not an object", "{" + range + ", \"targets\": [1]}", "body.targets[0]"),
                Abuse.json("a null ad-hoc filter", "{" + range + ", \"adhocFilters\": [null], \"targets\": [{\"target\": \"incidents\"}]}", "body.adhocFilters[0]"),
                Abuse.json("a null filter", "{" + range + ", \"filters\": [null], \"targets\": [{\"target\": \"incidents\"}]}", "body.filters[0]"),
                Abuse.json("ad-hoc regex (", adhoc(range, "=~", "("), "adhocFilters[0].value"),
                Abuse.json("ad-hoc negated regex (", adhoc(range, "!~", "("), "adhocFilters[0].value"),
                Abuse.json("NUL in an ad-hoc value", adhoc(range, "=", "a" + NUL), "body.adhocFilters[0].value"),
                Abuse.json("range in year 300000", "{\"range\": {\"from\": \"" + YEAR_300000 + "\", \"to\": \"+300000-01-01T01:00:00Z\"},"
                        + " \"targets\": [{\"target\": \"incidents\"}]}", "body.range.from"),
                Abuse.json("range in year 294250, past TimescaleDB's end", "{\"range\": {\"from\": \"+294250-01-01T00:00:00Z\", \"to\": \"+294250-01-01T01:00:00Z\"},"
                        + " \"targets\": [{\"target\": \"metrics\", \"payload\": {\"resource\": \"urn:k8s:svc:shop/carts\", \"metric\": \"cpu\"}}]}", "body.range.from"),
                Abuse.json("range before 4713 BC", "{\"range\": {\"from\": \"" + BEFORE_4713_BC + "\", \"to\": \"-4800-01-01T01:00:00Z\"},"
                        + " \"targets\": [{\"target\": \"incidents\"}]}", "body.range.from"),
                Abuse.json("range not times", "{\"range\": {\"from\": true, \"to\": []}, \"targets\": []}", "body.range.from"),
                Abuse.json("maxDataPoints not a number", "{" + range + ", \"maxDataPoints\": \"many\", \"targets\": []}", "body.maxDataPoints"),
                Abuse.json("maxDataPoints too large for an int", "{" + range + ", \"maxDataPoints\": 1e40, \"targets\": []}", "body.maxDataPoints"),
                Abuse.json("intervalMs beyond a long", "{" + range + ", \"intervalMs\": 99999999999999999999999, \"targets\": []}", "body.intervalMs"),
                Abuse.json("payload string not JSON", "{" + range + ", \"targets\": [{\"target\": \"incidents\", \"payload\": \"{oops\"}]}", "targets[0].payload")));
        Map<String, List<String>> badPayloads = Map.ofEntries(
                Map.entry("annotations", List.of("{\"status\": \"open" + NUL + "\"}", "{\"resource\": \"a" + NUL + "\"}")),
                Map.entry("incidents", List.of("{\"status\": []}", "{\"resource\": \"a" + NUL + "\"}")),
                Map.entry("behavior_graph", List.of("{\"event_id\": \"not-a-uuid\"}", "{\"run_id\": \"x\"}", "{\"event_id\": \"" + INCIDENT + "\", \"method\": \"" + NUL + "\"}")),
                Map.entry("evidence", List.of("{\"event_id\": \"not-a-uuid\"}", "{\"event_id\": 7}")),
                Map.entry("hotspots", List.of("{\"resource\": \"a" + NUL + "\"}", "{\"top\": \"x\"}", "{\"top\": 1e99}")),
                Map.entry("log_patterns", List.of("{\"search\": \"a" + NUL + "\"}", "{\"resource\": \"" + NUL + "\"}", "{\"new_only\": \"x\"}",
                        "{\"search\": \"" + "x".repeat(100_000) + "\"}")),
                Map.entry("metrics", List.of("{\"resource\": [null], \"metric\": \"cpu\"}", "{\"resource\": \"a" + NUL + "\", \"metric\": \"cpu\"}",
                        "{\"resource\": \"a\", \"metric\": \"cpu" + NUL + "\"}")),
                Map.entry("rca", List.of("{\"frontend\": \"urn:k8s:svc:shop/front-end\", \"anomaly_start\": \"" + YEAR_300000 + "\"}",
                        "{\"event_id\": \"" + INCIDENT + "\", \"frontend\": \"urn:k8s:svc:shop/front-end\", \"anomaly_start\": \"" + YEAR_300000 + "\"}",
                        "{\"frontend\": \"a" + NUL + "\"}", "{\"event_id\": []}")),
                Map.entry("similar_incidents", List.of("{\"event_id\": \"x\"}", "{\"event_id\": \"" + INCIDENT + "\", \"k\": \"x\"}")),
                Map.entry("topology", List.of("{\"at\": \"" + YEAR_300000 + "\"}", "{\"hops\": 1e99}", "{\"resource\": \"a" + NUL + "\"}",
                        "{\"at\": \"" + BEFORE_4713_BC + "\"}")));
        badPayloads.forEach((kind, payloads) -> {
            cases.add(Abuse.json(kind + " payload an array", target(range, kind, "[1]"), "payload"));
            cases.add(Abuse.json(kind + " payload with an unknown field", target(range, kind, "{\"unknownField\": 1}"), "payload.unknownField"));
            for (String payload : payloads) {
                cases.add(Abuse.json(kind + " payload " + payload.substring(0, Math.min(80, payload.length())), target(range, kind, payload), null));
            }
        });
        return cases;
    }

    private static List<Abuse> alertCases() {
        return List.of(
                Abuse.json("a null alert", "{\"alerts\": [null]}", "body.alerts[0]"),
                Abuse.json("fingerprint of 1 MB", alert("\"fingerprint\": \"" + "f".repeat(1 << 20) + "\""), "alerts[0].fingerprint"),
                Abuse.json("NUL in the fingerprint", alert("\"fingerprint\": \"a" + NUL + "\""), "body.alerts[0].fingerprint"),
                Abuse.json("NUL in a label", alert("\"fingerprint\": \"f1\", \"labels\": {\"alertname\": \"x" + NUL + "\"}"), "body.alerts[0].labels.alertname"),
                Abuse.json("NUL in a label name", alert("\"fingerprint\": \"f1\", \"labels\": {\"a" + NUL + "\": \"x\"}"), null),
                Abuse.json("NUL in an annotation", alert("\"fingerprint\": \"f1\", \"annotations\": {\"summary\": \"x" + NUL + "\"}"), "body.alerts[0].annotations.summary"),
                Abuse.json("a null label", alert("\"fingerprint\": \"f1\", \"labels\": {\"alertname\": null}"), "body.alerts[0].labels.alertname"),
                Abuse.json("label value of 1 MB", alert("\"fingerprint\": \"f1\", \"labels\": {\"alertname\": \"" + "x".repeat(1 << 20) + "\"}"), "alerts[0].labels.alertname"),
                Abuse.json("label name of 10,000 characters", alert("\"fingerprint\": \"f1\", \"labels\": {\"" + "n".repeat(10_000) + "\": \"x\"}"), "alerts[0].labels"),
                Abuse.json("300 labels", alert("\"fingerprint\": \"f1\", \"labels\": {" + java.util.stream.IntStream.range(0, 300)
                        .mapToObj(i -> "\"l" + i + "\": \"v\"").collect(java.util.stream.Collectors.joining(", ")) + "}"), "alerts[0].labels"),
                Abuse.json("annotation of 1 MB", alert("\"fingerprint\": \"f1\", \"annotations\": {\"summary\": \"" + "x".repeat(1 << 20) + "\"}"), "alerts[0].annotations.summary"),
                Abuse.json("startsAt in year 300000", "{\"alerts\": [{\"status\": \"firing\", \"fingerprint\": \"f1\", \"labels\": {}, \"startsAt\": \"" + YEAR_300000 + "\"}]}",
                        "body.alerts[0].startsAt"),
                Abuse.json("endsAt in year 300000", "{\"alerts\": [{\"status\": \"resolved\", \"fingerprint\": \"f1\", \"labels\": {}, \"startsAt\": \"2026-01-01T00:00:00Z\","
                        + " \"endsAt\": \"" + YEAR_300000 + "\"}]}", "body.alerts[0].endsAt"),
                Abuse.json("startsAt not a time", "{\"alerts\": [{\"status\": \"firing\", \"fingerprint\": \"f1\", \"labels\": {}, \"startsAt\": \"noon\"}]}",
                        "body.alerts[0].startsAt"),
                Abuse.json("labels not an object", alert("\"fingerprint\": \"f1\", \"labels\": [1]"), "body.alerts[0].labels"));
    }

    private static List<Abuse> anteaterCases() {
        return List.of(
                Abuse.json("NUL in the event id", anteater("\"event_id\": \"e" + NUL + "\"", "1767225600000"), "Attributes.event_id"),
                Abuse.json("event id of 1 MB", anteater("\"event_id\": \"" + "e".repeat(1 << 20) + "\"", "1767225600000"), "Attributes.event_id"),
                Abuse.json("timestamp beyond year 294276", anteater("\"event_id\": \"e1\"", "9000000000000000000"), "Timestamp"));
    }

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.createMigrated();
        BackendConfig config = BackendConfig.load(Map.of(
                "ROOTSCOPE_JDBC_URL", database.settings("x", "x").jdbcUrl(), "ROOTSCOPE_HTTP_PORT", "0", "ROOTSCOPE_OTLP_GRPC_PORT", "0", "ROOTSCOPE_AUTH_TOKEN", ADMIN_TOKEN));
        // One ETL tick at the start and none while the corpus runs, so that only requests could change stored rows.
        runtime = Backend.start(config.withTelemetry("default", "shop")
                .withEtlTiming(Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(10), Duration.ofHours(6)));
        long now = Instant.now().minusSeconds(30).toEpochMilli() * 1_000_000;
        assertEquals(200, send("POST", "/v1/logs", JSON, otlpLogs("{\"timeUnixNano\": \"" + now + "\", \"body\": {\"stringValue\": \"cart 1 not found\"}}")
                .getBytes(StandardCharsets.UTF_8), Map.of()).statusCode());
        assertEquals(200, send("POST", "/v1/logs/text?service=carts&namespace=shop", TEXT,
                (Instant.ofEpochSecond(0, now) + " cart 2 not found\n").getBytes(StandardCharsets.UTF_8), Map.of()).statusCode());
        HttpResponse<String> alert = send("POST", "/alerts/grafana", JSON, ("{\"alerts\": [{\"status\": \"firing\", \"fingerprint\": \"seed\","
                + " \"labels\": {\"alertname\": \"Seeded\"}, \"startsAt\": \"" + Instant.now().minusSeconds(60) + "\"}]}").getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(200, alert.statusCode(), alert.body());
        incident = Json.MAPPER.readTree(alert.body()).get("alerts").get(0).get("event_id").asText();
        // The ETL's bookkeeping, and the replica's heartbeat and leases, change by themselves.
        stored = new StoredData(database.dataSource(), Set.of("etl_job_run", "etl_job_circuit", "lifecycle_job", "backend_replica",
                "replica_lease"));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        database.close();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> requests() {
        List<org.junit.jupiter.params.provider.Arguments> all = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.contentType() != null) {
                generic().stream().filter(abuse -> !endpoint.accepts().contains(abuse.name()))
                        .forEach(abuse -> all.add(org.junit.jupiter.params.provider.Arguments.of(endpoint.method() + " " + endpoint.path(), abuse.name(), endpoint, abuse)));
            }
            endpoint.specific().forEach(abuse -> all.add(org.junit.jupiter.params.provider.Arguments.of(endpoint.method() + " " + endpoint.path(), abuse.name(), endpoint, abuse)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("requests")
    void malformedRequestIsAClientErrorThatStoresNothing(String route, String name, Endpoint endpoint, Abuse abuse) throws Exception {
        List<String> before = stored.fingerprint();
        byte[] body = new String(abuse.body(), StandardCharsets.ISO_8859_1).contains(INCIDENT)
                ? new String(abuse.body(), StandardCharsets.UTF_8).replace(INCIDENT, incident).getBytes(StandardCharsets.UTF_8) : abuse.body();
        HttpResponse<String> response = send(endpoint.method(), endpoint.path().replace(INCIDENT, incident), endpoint.contentType(), body,
                abuse.headers());
        String shown = route.replace(INCIDENT, incident) + " (" + name + "): " + response.statusCode() + " " + response.body().substring(0, Math.min(500, response.body().length()));
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, shown);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), shown);
        JsonNode error = Json.MAPPER.readTree(response.body());
        assertEquals(response.statusCode(), error.path("status").asInt(), shown);
        assertFalse(error.path("error").asText().isBlank(), shown);
        assertFalse(INTERNALS.matcher(response.body()).find(), "Java internals in " + shown);
        if (response.statusCode() == 400) {
            assertNotNull(error.get("field"), shown);
            if (abuse.field() != null) {
                assertEquals(abuse.field(), error.get("field").asText(), shown);
            }
        }
        assertEquals(before, stored.fingerprint(), "stored rows changed by " + shown);
    }

    @Test
    void aRecordWithNulIsRejectedAndTheOthersOfItsBatchAreStored() throws Exception {
        long now = Instant.now().minusSeconds(30).toEpochMilli() * 1_000_000;
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            String body = i == 50 ? "nul" + NUL + " here" : "batch record " + i;
            records.add("{\"timeUnixNano\": \"" + now + "\", \"body\": {\"stringValue\": \"" + body + "\"}}");
        }
        long before = count("SELECT count(*) FROM rootscope.log_event");
        HttpResponse<String> logs = send("POST", "/v1/logs", JSON, otlpLogs(String.join(", ", records)).getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(200, logs.statusCode(), logs.body());
        JsonNode answer = Json.MAPPER.readTree(logs.body());
        assertEquals(100, answer.get("accepted").asInt(), logs.body());
        assertEquals(1, answer.get("rejected").asInt(), logs.body());
        assertEquals("resourceLogs[0].scopeLogs[0].logRecords[50].body.stringValue", answer.at("/rejects/0/location").asText());
        assertEquals(before + 100, count("SELECT count(*) FROM rootscope.log_event"));

        String line = Instant.ofEpochSecond(0, now) + " carts ";
        HttpResponse<String> text = send("POST", "/v1/logs/text", TEXT, (line + "fine one\n" + line + "nul\u0000here\n" + line + "fine two\n")
                .getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(200, text.statusCode(), text.body());
        answer = Json.MAPPER.readTree(text.body());
        assertEquals(2, answer.get("accepted").asInt(), text.body());
        assertEquals("line 2", answer.at("/rejects/0/location").asText(), text.body());
        assertTrue(answer.at("/rejects/0/problem").asText().contains("NUL"), text.body());
        assertEquals(before + 102, count("SELECT count(*) FROM rootscope.log_event"));
    }

    @Test
    void aHugeLogLineIsStoredCutWithAMarkerAndCounted() throws Exception {
        long now = Instant.now().minusSeconds(30).toEpochMilli() * 1_000_000;
        String huge = Instant.ofEpochSecond(0, now) + " carts huge " + "word ".repeat(1_000_000) + "\n";
        HttpResponse<String> text = send("POST", "/v1/logs/text", TEXT, huge.getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(200, text.statusCode(), text.body());
        assertEquals(1, Json.MAPPER.readTree(text.body()).get("truncated").asInt(), text.body());
        String stored = "SELECT %s FROM rootscope.log_pattern WHERE pattern LIKE 'huge word%%'";
        assertTrue(Integer.parseInt(Rows.single(database.dataSource(), stored.formatted("length(pattern)"))) <= 3 * 4096 + 20);
        assertTrue(Rows.single(database.dataSource(), stored.formatted("pattern")).endsWith(" [truncated]"));
        String sample = Rows.single(database.dataSource(), stored.formatted("sample_message"));
        assertEquals(64 * 1024 + " [truncated]".length(), sample.length());
        assertTrue(sample.endsWith(" [truncated]"));
    }

    @Test
    void timesAtTheEdgesOfTheSupportedRangeAreNoServerError() throws Exception {
        for (String[] range : List.of(new String[] {"-4711-01-01T00:00:00Z", "-4711-01-01T01:00:00Z"},
                new String[] {"+294245-12-31T22:59:59Z", "+294245-12-31T23:59:59Z"})) {
            for (String kind : List.of("incidents", "annotations", "topology", "log_patterns", "hotspots")) {
                String body = "{\"range\": {\"from\": \"" + range[0] + "\", \"to\": \"" + range[1] + "\"}, \"targets\": [{\"target\": \"" + kind + "\"}]}";
                HttpResponse<String> response = send("POST", "/query", JSON, body.getBytes(StandardCharsets.UTF_8), Map.of());
                assertTrue(response.statusCode() < 500, kind + " over " + range[0] + ": " + response.statusCode() + " " + response.body());
            }
            String metrics = "{\"range\": {\"from\": \"" + range[0] + "\", \"to\": \"" + range[1] + "\"}, \"targets\": [{\"target\": \"metrics\","
                    + " \"payload\": {\"resource\": \"urn:k8s:svc:shop/carts\", \"metric\": \"cpu\"}}]}";
            assertTrue(send("POST", "/query", JSON, metrics.getBytes(StandardCharsets.UTF_8), Map.of()).statusCode() < 500, range[0]);
            String rca = "{\"range\": {\"from\": \"" + range[0] + "\", \"to\": \"" + range[1] + "\"}, \"targets\": [{\"target\": \"rca\","
                    + " \"payload\": {\"frontend\": \"urn:k8s:svc:shop/carts\", \"anomaly_start\": \"" + range[0] + "\"}}]}";
            HttpResponse<String> diagnosis = send("POST", "/query", JSON, rca.getBytes(StandardCharsets.UTF_8), Map.of());
            assertTrue(diagnosis.statusCode() < 500, "rca over " + range[0] + ": " + diagnosis.statusCode() + " " + diagnosis.body());
            String alert = "{\"alerts\": [{\"status\": \"firing\", \"fingerprint\": \"edge\", \"labels\": {}, \"startsAt\": \"" + range[0] + "\"}]}";
            HttpResponse<String> alerted = send("POST", "/alerts/grafana", JSON, alert.getBytes(StandardCharsets.UTF_8), Map.of());
            assertEquals(200, alerted.statusCode(), alerted.body());
        }
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(Rows.single(database.dataSource(), sql));
    }

    private static HttpResponse<String> send(String method, String path, String contentType, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.url() + path)).timeout(Duration.ofSeconds(60))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (!headers.containsKey("Authorization")) {
            request.header("Authorization", "Bearer " + ADMIN_TOKEN);
        }
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static String otlpLogs(String record) {
        return otlpResource("resourceLogs", "scopeLogs", "logRecords", "carts", record);
    }

    private static String otlpResource(String resources, String scopes, String records, String service, String record) {
        return "{\"" + resources + "\": [{\"resource\": {\"attributes\": [{\"key\": \"service.name\", \"value\": {\"stringValue\": \"" + service + "\"}},"
                + " {\"key\": \"service.namespace\", \"value\": {\"stringValue\": \"shop\"}}]}, \"" + scopes + "\": [{\"" + records + "\": [" + record + "]}]}]}";
    }

    private static String adhoc(String range, String operator, String value) {
        return "{" + range + ", \"adhocFilters\": [{\"key\": \"resource\", \"operator\": \"" + operator + "\", \"value\": \"" + value + "\"}],"
                + " \"targets\": [{\"target\": \"topology\"}]}";
    }

    private static String target(String range, String kind, String payload) {
        return "{" + range + ", \"targets\": [{\"refId\": \"A\", \"target\": \"" + kind + "\", \"payload\": " + payload + "}]}";
    }

    private static String alert(String fields) {
        return "{\"alerts\": [{\"status\": \"firing\", \"startsAt\": \"2026-01-01T00:00:00Z\", \"labels\": {}, " + fields + "}]}";
    }

    private static String anteater(String attribute, String timestamp) {
        return "{\"Timestamp\": " + timestamp + ", \"Attributes\": {" + attribute + ", \"entity_id\": \"x\"},"
                + " \"Resource\": {\"metric_label\": {\"pod\": \"shop/carts-5d8f9c7b6d-abcde\"}}}";
    }

    private static String replay(String from, String to) {
        return "{\"job\": \"trace_calls_5m\", \"tenant\": \"default\", \"from\": \"" + from + "\", \"to\": \"" + to + "\"}";
    }
}
