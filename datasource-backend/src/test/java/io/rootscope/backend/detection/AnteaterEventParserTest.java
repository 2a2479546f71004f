package io.rootscope.backend.detection;

import static io.rootscope.backend.detection.AnteaterSamples.HOST_EVENT;
import static io.rootscope.backend.detection.AnteaterSamples.POD_EVENT;
import static io.rootscope.backend.detection.AnteaterSamples.array;
import static io.rootscope.backend.detection.AnteaterSamples.stream;
import static io.rootscope.backend.detection.AnteaterSamples.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.backend.etl.parse.MalformedPayloadException;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.etl.parse.ParseResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AnteaterEventParserTest {

    private final AnteaterEventParser parser = new AnteaterEventParser();

    @Test
    void parsesTheManualsExampleEvent() throws IOException {
        ParseResult<AnteaterEvent> result = parser.parse(stream(HOST_EVENT));

        assertEquals(List.of(), result.rejects());
        AnteaterEvent event = result.accepted().get(0);
        assertEquals("", event.path());
        assertEquals(Instant.ofEpochMilli(1659075600000L), event.reportedAt());
        assertEquals(Instant.ofEpochMilli(1659075600000L).minus(Duration.ofSeconds(60)), event.anomalyStart());
        assertEquals("1659075600000_1fd37742xxxx_sli_1513_18", event.eventId());
        assertEquals("1fd37742xxxx_sli_1513_18", event.entityId());
        assertEquals(Optional.of("app"), event.eventType());
        assertEquals(Optional.of("gala_gopher_ksliprobe_recent_rtt_nsec"), event.metric());
        assertEquals(OptionalDouble.of(1.0), event.anomalyScore());
        assertEquals(LogSeverity.WARN, event.severity());
        assertEquals(Optional.of("TimeStamp, WARN, APP may be impacting sli performance issues."), event.body());
        assertEquals(List.of(new ResourceCandidate("Resource.metric_label.machine_id", AnteaterSamples.HOST_URN)), event.resources());
        CauseMetric recommended = event.causeMetrics().get(0);
        assertEquals("gala_gopher_tcp_link_notack_bytes", recommended.metricId());
        assertEquals(OptionalDouble.of(0.24421279500639545), recommended.score());
        assertEquals(List.of(
                new ResourceCandidate("Resource.recommend_metrics.gala_gopher_tcp_link_notack_bytes.label.machine_id", AnteaterSamples.HOST_URN),
                new ResourceCandidate("Resource.recommend_metrics.gala_gopher_tcp_link_notack_bytes.label.hostname",
                        "urn:host:localhost.localdomain")), recommended.resources());
    }

    @Test
    void mapsPodsBeforeHostsAndReadsCauseMetrics() throws IOException {
        AnteaterEvent event = parser.parse(stream(POD_EVENT)).accepted().get(0);

        assertEquals(List.of(AnteaterSamples.POD_URN, "urn:k8s:svc:default/backend-node2-01",
                        "urn:host:66086618-3bad-489e-b17d-05245224f29a-192.168.122.102"),
                event.resources().stream().map(ResourceCandidate::urn).toList());
        assertEquals("3459438", event.labels().get("tgid"), "numeric labels are kept as text");
        assertEquals(2, event.causeMetrics().size());
        CauseMetric cpu = event.causeMetrics().get(0);
        assertEquals(new CauseMetric("gala_gopher_container_cpu_user_seconds_total@4a9fcc23",
                Map.of("pod", "default/backend-node3-02-654dd97bf9-s8jg5", "machine_id", "494a61be-192.168.122.103"),
                OptionalDouble.of(0.1194249668036936), Optional.of("container user CPU per second"),
                List.of(new ResourceCandidate("Resource.cause_metrics[0].metric_labels.pod", AnteaterSamples.CAUSE_POD_URN),
                        new ResourceCandidate("Resource.cause_metrics[0].metric_labels.pod", "urn:k8s:svc:default/backend-node3-02"),
                        new ResourceCandidate("Resource.cause_metrics[0].metric_labels.machine_id", "urn:host:494a61be-192.168.122.103"))),
                cpu);
        String barePod = with(with(POD_EVENT, "\"pod\": \"default/backend-node2-01-5bcb47fd7c-4jxxs\"", "\"pod\": \"web-1\""),
                "\"pod_namespace\": \"default\"", "\"pod_namespace\": \"shop\"");
        assertEquals(List.of("urn:k8s:pod:shop/web-1", "urn:host:66086618-3bad-489e-b17d-05245224f29a-192.168.122.102"),
                parser.parse(stream(barePod)).accepted().get(0).resources().stream().map(ResourceCandidate::urn).toList(),
                "a pod not named like a Deployment's maps to no Service");
    }

    @Test
    void rejectsMalformedEventsNamingTheFieldAndKeepsTheOthers() throws IOException {
        ParseResult<AnteaterEvent> result = parser.parse(stream(array(
                HOST_EVENT,
                with(HOST_EVENT, "\"Timestamp\": 1659075600000,", ""),
                with(HOST_EVENT, "\"entity_id\": \"1fd37742xxxx_sli_1513_18\",", ""),
                with(HOST_EVENT, "1659075600000,", "\"yesterday\","),
                with(HOST_EVENT, "\"machine_id\": \"1fd37742xxxx\", ", ""),
                with(HOST_EVENT, "\"SeverityText\": \"WARN\"", "\"SeverityText\": \"LOUD\""),
                with(POD_EVENT, "\"metric_id\": \"gala_gopher_proc_wchar_bytes@67134fb4\",", ""),
                "42",
                with(HOST_EVENT, "\"machine_id\": \"1fd37742xxxx\"", "\"machine_id\": \"Bad_Id!\""),
                with(HOST_EVENT, "\"event_type\": \"app\"", "\"event_type\": 7"),
                POD_EVENT)));

        assertEquals(List.of("[0]", "[10]"), result.accepted().stream().map(AnteaterEvent::path).toList());
        List<String> locations = result.rejects().stream().map(ParseReject::location).toList();
        assertEquals(List.of("[1].Timestamp", "[2].Attributes.entity_id", "[3].Timestamp", "[4].Resource.metric_label",
                "[5].SeverityText", "[6].Resource.cause_metrics[1].metric_id", "[7]", "[8].Resource.metric_label.machine_id",
                "[9].Attributes.event_type"), locations);
        assertEquals("[2].Attributes.entity_id: missing", result.rejects().get(1).toString());
        assertEquals("[4].Resource.metric_label: no pod, machine_id or hostname label to map to a resource, got [tgid, conn_fd]",
                result.rejects().get(3).toString());
    }

    @Test
    void takesTheSeverityNumberWhenThereIsNoText() throws IOException {
        String numbered = with(HOST_EVENT, "\"SeverityText\": \"WARN\",", "");
        assertEquals(LogSeverity.WARN, parser.parse(stream(numbered)).accepted().get(0).severity());
        assertEquals(LogSeverity.ERROR, parser.parse(stream(with(numbered, "14", "17"))).accepted().get(0).severity());
        assertEquals("SeverityNumber", parser.parse(stream(with(numbered, "14", "25"))).rejects().get(0).location());
    }

    @Test
    void refusesPayloadsThatAreNoEvents() {
        assertThrows(MalformedPayloadException.class, () -> parser.parse(stream("{\"Timestamp\": ")));
        assertThrows(MalformedPayloadException.class, () -> parser.parse(stream("")));
        assertThrows(MalformedPayloadException.class, () -> parser.parse(stream("\"event\"")));
    }

    @Test
    void rejectsEventsThatCannotBeStored() throws IOException {
        ParseResult<AnteaterEvent> result = parser.parse(stream(array(
                with(HOST_EVENT, "\"entity_id\": \"1fd37742xxxx_sli_1513_18\"", "\"entity_id\": \"a\\u0000b\""),
                with(HOST_EVENT, "1659075600000,", "9000000000000000000,"),
                with(HOST_EVENT, "\"event_id\": \"1659075600000_1fd37742xxxx_sli_1513_18\"", "\"event_id\": \"" + "e".repeat(257) + "\""),
                HOST_EVENT)));

        assertEquals(List.of("[3]"), result.accepted().stream().map(AnteaterEvent::path).toList());
        assertEquals(List.of(
                "[0].Attributes.entity_id: contains a NUL character (U+0000), which cannot be stored",
                "[1].Timestamp: is outside the supported time range (4712 BC to 294245 AD): 9000000000000000000",
                "[2].Attributes.event_id: is longer than 256 characters"), result.rejects().stream().map(ParseReject::toString).toList());
    }
}
