package io.rootscope.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.Backend;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.etl.parse.OtlpEncoding;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.testing.CollectorMessages;
import io.rootscope.backend.testing.KafkaBroker;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TcpProxy;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka consumers against a real Apache Kafka broker (KRaft, on loopback) and the real backend: the OpenTelemetry
 * Collector's message layout in, rows stored exactly once across a restart mid-stream and a redelivery, unstorable
 * messages skipped without blocking their partition, the tenant header honoured, messages held (not skipped) while the
 * database is away.
 */
class KafkaConsumerTest {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static KafkaBroker broker;
    private static final DataSource db = TestDatabase.shared().dataSource();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.shared();
    }

    @Test
    void collectorMessagesAreStoredExactlyOnceAcrossARestartMidStreamAndARedelivery() throws Exception {
        String run = "kafka" + RUNS.incrementAndGet() + "x" + System.nanoTime() % 100000;
        broker.createTopic(run + "-logs", 3);
        broker.createTopic(run + "-spans", 1);
        Instant at = Instant.now().minusSeconds(60);
        List<byte[]> logMessages = new java.util.ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 30; i++) {
                byte[] value = CollectorMessages.logs(run, "shipping", at, 20);
                logMessages.add(value);
                producer.send(new ProducerRecord<>(run + "-logs", i % 3, null, value)).get();
            }
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(run + "-spans", 0, null, CollectorMessages.calls(run, "front-end", "orders", at, 5))).get();
            }
        }
        Map<String, String> settings = settings(run);
        try (TestBackend first = new TestBackend(TestDatabase.shared(), TestDatabase.shared().backendConfig(settings))) {
            await(() -> logEvents(run, "shipping") > 0, "the first backend stores some messages");
        }
        long afterFirst = logEvents(run, "shipping");
        try (TestBackend second = new TestBackend(TestDatabase.shared(), TestDatabase.shared().backendConfig(settings))) {
            await(() -> logEvents(run, "shipping") == 600 && spans(run) == 40, "the second backend stores the rest");
            Thread.sleep(1500);
            assertEquals(0, second.backend().kafka().orElseThrow().skipped());
        }
        assertTrue(afterFirst <= 600, "stopped after " + afterFirst + " rows");
        assertEquals(600, logEvents(run, "shipping"), "every record once");
        assertEquals(40, spans(run));
        assertEquals(20, Long.parseLong(Rows.single(db, "SELECT count(*) FROM span_call c JOIN dim_resource r ON r.resource_id = c.dst_resource_id"
                + " WHERE r.urn = 'urn:k8s:svc:" + run + "/orders'")));
        assertEquals(30, Long.parseLong(Rows.single(db, "SELECT sum(next_offset) FROM kafka_consumer_offset WHERE consumer_group = '"
                + run + "' AND topic = '" + run + "-logs'")), "positions past every log message");

        // A redelivered message (the same bytes at the same offset, as after a crash before Kafka's commit) writes nothing.
        KafkaOffsets offsets = new KafkaOffsets(DSL.using(db, SQLDialect.POSTGRES), run);
        TopicHandler logs = TopicHandlers.logs(new TelemetryIngestor(db, new ResourceResolver(db)), OtlpEncoding.PROTOBUF);
        assertThrows(KafkaOffsets.ClaimLostException.class, () ->
                logs.handle(1, logMessages.get(0), new OffsetClaim(offsets, new TopicPartition(run + "-logs", 0), 0)));
        assertEquals(600, logEvents(run, "shipping"), "the redelivery rolled back");
    }

    @Test
    void twoBackendsOfOneGroupShareThePartitionsAndTheirRebalancesLoseAndDuplicateNothing() throws Exception {
        String run = "kafka" + RUNS.incrementAndGet() + "x" + System.nanoTime() % 100000;
        broker.createTopic(run + "-logs", 4);
        broker.createTopic(run + "-spans", 1);
        Instant at = Instant.now().minusSeconds(60);
        Map<String, String> settings = settings(run);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            sendLogs(producer, run, at, 40);
            TestBackend first = new TestBackend(TestDatabase.shared(), TestDatabase.shared().backendConfig(settings));
            try {
                await(() -> logEvents(run, "shipping") > 0, "the first backend stores some messages");
                // The second member joins mid-stream: the group rebalances while the first is storing.
                try (TestBackend second = new TestBackend(TestDatabase.shared(), TestDatabase.shared().backendConfig(settings))) {
                    sendLogs(producer, run, at, 40);
                    await(() -> logEvents(run, "shipping") == 80 * 10, "the two backends store the first two batches");
                    assertTrue(first.backend().kafka().orElseThrow().stored() > 0);
                    first.close(); // the group rebalances again: the second backend takes every partition
                    first = null;
                    sendLogs(producer, run, at, 40);
                    await(() -> logEvents(run, "shipping") == 120 * 10, "the second backend stores the third batch");
                    Thread.sleep(1500);
                    assertTrue(second.backend().kafka().orElseThrow().stored() > 0);
                    assertEquals(0, second.backend().kafka().orElseThrow().skipped());
                }
            } finally {
                if (first != null) {
                    first.close();
                }
            }
        }
        assertEquals(120 * 10, logEvents(run, "shipping"), "every record once");
        assertEquals(120, Long.parseLong(Rows.single(db, "SELECT sum(next_offset) FROM kafka_consumer_offset WHERE consumer_group = '"
                + run + "' AND topic = '" + run + "-logs'")), "positions past every message, once each");
    }

    /** {@code messages} log messages of ten records each, spread over the topic's four partitions. */
    private static void sendLogs(KafkaProducer<byte[], byte[]> producer, String run, Instant at, int messages) throws Exception {
        for (int i = 0; i < messages; i++) {
            producer.send(new ProducerRecord<>(run + "-logs", i % 4, null, CollectorMessages.logs(run, "shipping", at.plusMillis(i), 10))).get();
        }
    }

    @Test
    void unstorableMessagesAreSkippedAndTheTenantHeaderRoutesRows() throws Exception {
        String run = "kafka" + RUNS.incrementAndGet() + "y" + System.nanoTime() % 100000;
        broker.createTopic(run + "-logs", 1);
        long other = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + run + "', 'T') RETURNING tenant_id"));
        Instant at = Instant.now().minusSeconds(60);
        String topic = run + "-logs";
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, 0, null, CollectorMessages.logs(run, "billing", at, 10))).get();
            producer.send(new ProducerRecord<>(topic, 0, null, "not a protobuf message".getBytes(StandardCharsets.UTF_8))).get();
            send(producer, topic, CollectorMessages.logs(run, "billing", at, 7), run);
            send(producer, topic, CollectorMessages.logs(run, "billing", at, 5), "no-such-tenant-" + run);
            producer.send(new ProducerRecord<>(topic, 0, null, CollectorMessages.logs(run, "billing", at, 3))).get();
        }
        try (TestBackend backend = new TestBackend(TestDatabase.shared(), TestDatabase.shared().backendConfig(settings(run)))) {
            await(() -> "5".equals(Rows.single(db, "SELECT coalesce(max(next_offset), 0) FROM kafka_consumer_offset WHERE consumer_group = '"
                    + run + "'")), "every message consumed");
            assertEquals(2, backend.backend().kafka().orElseThrow().skipped(), "the undecodable one and the unknown tenant's");
            assertEquals(3, backend.backend().kafka().orElseThrow().stored());
            String metrics = backend.get("/metrics").text();
            assertTrue(metrics.contains("rootscope_kafka_messages_total{outcome=\"skipped\"} 2"), metrics);
        }
        assertEquals(13, logEvents(run, "billing", 1), "the default tenant's records");
        assertEquals(7, logEvents(run, "billing", other), "the header's tenant's records");
    }

    @Test
    void whileTheDatabaseIsAwayMessagesWaitAndNoneIsSkipped() throws Exception {
        String run = "kafka" + RUNS.incrementAndGet() + "z" + System.nanoTime() % 100000;
        broker.createTopic(run + "-logs", 2);
        TestDatabase database = TestDatabase.shared();
        DatabaseSettings writer = database.settings(TestDatabase.APP_ROLE, System.getenv().getOrDefault("ROOTSCOPE_DB_PASSWORD", "rootscope"));
        URI server = URI.create(writer.jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getPort());
             HikariDataSource viaProxy = DataSourceFactory.create(new DatabaseSettings(writer.jdbcUrl().replace(":" + server.getPort() + "/",
                     ":" + proxy.port() + "/"), writer.user(), writer.password(), 2), "kafka-outage");
             HikariDataSource reader = DataSourceFactory.create(database.readerSettings(), "kafka-outage-reader");
             Backend backend = Backend.serve(database.backendConfig(settings(run)), viaProxy, reader)) {
            // Cut while the consumer joins the group or just after: either way it must wait, not skip.
            Thread.sleep(1000);
            proxy.cut();
            Instant at = Instant.now().minusSeconds(60);
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(run + "-logs", i % 2, null, CollectorMessages.logs(run, "ledger", at, 10))).get();
                }
            }
            Thread.sleep(4000);
            assertEquals(0, logEvents(run, "ledger"), "nothing stored while the database is away");
            assertEquals(0, backend.kafka().orElseThrow().skipped(), "and nothing skipped");
            proxy.start();
            await(() -> logEvents(run, "ledger") == 100, "every message stored once the database is back");
            assertEquals(0, backend.kafka().orElseThrow().skipped());
            assertEquals(10, backend.kafka().orElseThrow().stored());
        }
        assertEquals(100, logEvents(run, "ledger"));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value, String tenant) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, null, value);
        // Lower case, as the Collector passes client metadata keys.
        record.headers().add("x-rootscope-tenant", tenant.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    static Map<String, String> settings(String run) {
        Map<String, String> settings = new HashMap<>();
        settings.put(ConfigKey.KAFKA_BOOTSTRAP.key(), broker.bootstrap());
        settings.put(ConfigKey.KAFKA_GROUP.key(), run);
        settings.put(ConfigKey.KAFKA_LOGS_TOPIC.key(), run + "-logs");
        settings.put(ConfigKey.KAFKA_SPANS_TOPIC.key(), run + "-spans");
        settings.put(ConfigKey.KAFKA_ANOMALY_TOPIC.key(), "off");
        settings.put(ConfigKey.KAFKA_RCA_TOPIC.key(), "off");
        return settings;
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap(), "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static long logEvents(String namespace, String service) throws SQLException {
        return logEvents(namespace, service, 1);
    }

    private static long logEvents(String namespace, String service, long tenantId) throws SQLException {
        return Long.parseLong(Rows.single(db, "SELECT count(*) FROM log_event e JOIN dim_resource r ON r.resource_id = e.resource_id"
                + " WHERE e.tenant_id = " + tenantId + " AND r.urn = 'urn:k8s:svc:" + namespace + "/" + service + "'"));
    }

    private static long spans(String namespace) throws SQLException {
        return Long.parseLong(Rows.single(db, "SELECT count(*) FROM trace_span s JOIN dim_resource r ON r.resource_id = s.resource_id"
                + " WHERE r.urn LIKE 'urn:k8s:svc:" + namespace + "/%'"));
    }

    /** A condition over the database, checked until it holds. */
    interface Check {
        boolean holds() throws Exception;
    }

    static void await(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
