package io.rootscope.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.KafkaBroker;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.ShopTelemetry;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gala-anteater over a real Kafka broker: an anomaly message of its {@code model_topic} opens an incident, whose
 * diagnosis is published to its {@code rca_topic} in its root-cause layout (seed 004's example, shipped as a fixture), read
 * back by a plain consumer and checked field by field, its causes those of the stored diagnosis.
 */
class KafkaAnteaterTest {

    private static final DataSource db = TestDatabase.shared().dataSource();
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.shared();
    }

    @Test
    void anAnomalyMessageOpensAnIncidentWhoseDiagnosisIsPublishedInGalaAnteatersLayout() throws Exception {
        String run = "anteater" + System.nanoTime() % 1_000_000;
        long tenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + run + "', 'T') RETURNING tenant_id"));
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(45, ChronoUnit.MINUTES);
        Instant anomalyStart = from.plus(20, ChronoUnit.MINUTES);
        ShopTelemetry shop = new ShopTelemetry(db, run);
        shop.push(tenantId, from, 30, 4, anomalyStart);
        broker.createTopic(run + "-model", 1);
        broker.createTopic(run + "-rca", 1);

        String eventId = anomalyStart.toEpochMilli() + "_" + run + "_l7";
        String anomaly = """
                {"Timestamp": %d, "Attributes": {"entity_id": "%s", "event_id": "%s", "event_type": "app"},
                 "Resource": {"anomaly_score": 0.9, "anomaly_count": 13, "total_count": 13, "duration": 60, "anomaly_ratio": 1.0,
                              "metric_label": {"pod": "%s/front-end-5bcb47fd7c-4jxxs"}, "metrics": "gala_gopher_l7_latency_avg"},
                 "SeverityText": "WARN", "SeverityNumber": 14, "Body": "APP may be impacting sli performance issues."}"""
                .formatted(anomalyStart.toEpochMilli(), run, eventId, run);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(run + "-model", anomaly.getBytes(StandardCharsets.UTF_8));
            record.headers().add("X-Rootscope-Tenant", run.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        Map<String, String> settings = Map.of(ConfigKey.KAFKA_BOOTSTRAP.key(), broker.bootstrap(), ConfigKey.KAFKA_GROUP.key(), run,
                ConfigKey.KAFKA_SPANS_TOPIC.key(), "off", ConfigKey.KAFKA_LOGS_TOPIC.key(), "off",
                ConfigKey.KAFKA_ANOMALY_TOPIC.key(), run + "-model", ConfigKey.KAFKA_RCA_TOPIC.key(), run + "-rca");
        JsonNode published;
        try (TestBackend backend = new TestBackend(TestDatabase.shared(), TestDatabase.shared().backendConfig(settings))) {
            published = readOne(run + "-rca", eventId);
        }
        String incident = Rows.single(db, "SELECT event_id FROM event_envelope WHERE tenant_id = " + tenantId
                + " AND dedup_key = 'gala-anteater:" + eventId + "'");
        List<String> causes = Rows.column(db, "SELECT r.urn || ' ' || c.score FROM rca_candidate c JOIN rca_run run ON run.run_id = c.run_id"
                + " JOIN dim_resource r ON r.resource_id = c.resource_id WHERE run.event_id = '" + incident + "' ORDER BY c.rank");
        assertFalse(causes.isEmpty(), "the incident was diagnosed");

        JsonNode example = example();
        assertSameLayout(example, published, "");
        assertEquals(eventId, published.get("event_id").asText(), "gala-anteater's own event id, as its rca_topic carries it");
        assertEquals(eventId, published.at("/Attributes/event_id").asText());
        JsonNode kpi = published.at("/Resource/abnormal_kpi");
        assertEquals("gala_gopher_l7_latency_avg", kpi.get("metric_id").asText());
        assertEquals(shop.urn("front-end"), kpi.get("entity_id").asText());
        JsonNode published0 = published.at("/Resource/cause_metrics");
        assertEquals(Math.min(3, causes.size()), published0.size());
        for (int i = 0; i < published0.size(); i++) {
            JsonNode cause = published0.get(i);
            assertSameLayout(example.at("/Resource/cause_metrics/0"), cause, "cause_metrics[" + i + "]");
            String[] stored = causes.get(i).split(" ");
            assertEquals(stored[0], cause.get("entity_id").asText(), "cause " + i + " is the stored rank " + (i + 1));
            assertEquals(Double.parseDouble(stored[1]), cause.get("score").asDouble(), 1e-9);
            assertTrue(cause.get("metric_id").asText().endsWith(stored[0]), cause.get("metric_id").asText());
            assertEquals(stored[0], cause.at("/path/0/pod_id").asText(), "a path starts at its cause");
            JsonNode last = cause.get("path").get(cause.get("path").size() - 1);
            if (last.get("pod_id").asText().equals(shop.urn("front-end"))) {
                assertEquals("abnormal", last.get("pod_state").asText());
            }
            assertEquals(cause.get("metric_id").asText() + "\u5f02\u5e38", published.get("top" + (i + 1)).asText());
        }
        assertEquals("WARN", published.get("SeverityText").asText());
        assertEquals(13, published.get("SeverityNumber").asInt());
        assertTrue(Math.abs(published.get("Timestamp").asLong() - System.currentTimeMillis()) < Duration.ofMinutes(5).toMillis());
    }

    /** Every field of the example is in the message with the same JSON type (a null of the example: any scalar or null). */
    private static void assertSameLayout(JsonNode example, JsonNode message, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = example.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path + "/" + field.getKey();
            assertTrue(message.has(field.getKey()), "the message has " + at + ": " + message);
            JsonNode expected = field.getValue();
            JsonNode actual = message.get(field.getKey());
            if (expected.isObject() && !field.getKey().equals("metric_labels")) {
                assertSameLayout(expected, actual, at);
            } else if (expected.isArray() && !expected.isEmpty() && expected.get(0).isObject() && !field.getKey().equals("cause_metrics")) {
                assertTrue(actual.isArray() && !actual.isEmpty(), at + " is a non-empty array");
                actual.forEach(element -> assertSameLayout(expected.get(0), element, at + "[]"));
            } else if (!expected.isNull() && !(field.getKey().equals("keyword") && actual.isNull())) {
                assertEquals(expected.getNodeType(), actual.getNodeType(), at + " is a " + expected.getNodeType() + ": " + actual);
            }
        }
    }

    private static JsonNode example() throws IOException {
        try (InputStream in = KafkaAnteaterTest.class.getResourceAsStream("/kafka/gala_cause_inference_example.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    /** Reads the topic from its start until the message keyed {@code key} arrives. */
    private static JsonNode readOne(String topic, String key) throws IOException {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrap(),
                "group.id", topic + "-reader", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return Json.MAPPER.readTree(record.value());
                    }
                }
            }
        }
        throw new AssertionError("no message keyed " + key + " on " + topic + " in time");
    }
}
