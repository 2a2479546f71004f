package io.rootscope.backend.kafka;

import io.rootscope.backend.db.replica.ReplicaLeases;
import io.rootscope.backend.detection.ExternalEventIngestor;
import io.rootscope.backend.ingest.TelemetryIngestor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's Kafka side, started only when {@code ROOTSCOPE_KAFKA_BOOTSTRAP} is set: one consumer thread for the span,
 * log and anomaly topics ({@link MessageConsumer}), and one publisher thread for the root-cause topic
 * ({@link DiagnosisPublisher}); a topic turned off gets neither. Memory stays bounded whatever the topics hold: a poll
 * returns at most {@link #MAX_POLL_RECORDS} messages and {@link #FETCH_MAX_BYTES} bytes.
 */
public final class KafkaBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBridge.class);
    static final int MAX_POLL_RECORDS = 50;
    static final int FETCH_MAX_BYTES = 16 << 20;
    static final int MAX_PARTITION_FETCH_BYTES = 4 << 20;
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /** What the consumed topics feed and where the tenants come from. */
    public record Services(TelemetryIngestor telemetry, ExternalEventIngestor anomalies, ReplicaLeases leases, DSLContext writer,
                           String tenantHeader, ToLongFunction<String> tenantIds) {
    }

    private final Optional<MessageConsumer> consumer;
    /** The consumer's thread stops on {@link MessageConsumer#wakeup}, the publisher's on an interrupt. */
    private final Optional<Thread> consumerThread;
    private final Optional<Thread> publisherThread;

    private KafkaBridge(Optional<MessageConsumer> consumer, Optional<Thread> consumerThread, Optional<Thread> publisherThread) {
        this.consumer = consumer;
        this.consumerThread = consumerThread;
        this.publisherThread = publisherThread;
    }

    /** Starts the consumer and the publisher the settings ask for; empty when Kafka is off. */
    public static Optional<KafkaBridge> start(KafkaSettings settings, Services services) {
        if (settings.bootstrap().isEmpty()) {
            return Optional.empty();
        }
        Map<String, TopicHandler> handlers = new HashMap<>();
        settings.spansTopic().ifPresent(topic -> handlers.put(topic, TopicHandlers.spans(services.telemetry(), settings.encoding())));
        settings.logsTopic().ifPresent(topic -> handlers.put(topic, TopicHandlers.logs(services.telemetry(), settings.encoding())));
        settings.anomalyTopic().ifPresent(topic -> handlers.put(topic, TopicHandlers.anomalies(services.anomalies())));
        Optional<MessageConsumer> consumer = handlers.isEmpty() ? Optional.empty() : Optional.of(new MessageConsumer(
                new KafkaConsumer<>(consumerProperties(settings)), handlers, new KafkaOffsets(services.writer(), settings.group()),
                new MessageTenants(services.tenantHeader(), settings.tenant(), services.tenantIds())));
        Optional<Thread> consumerThread = consumer.map(c -> startThread("rootscope-kafka-consumer", c));
        Optional<Thread> publisherThread = settings.rcaTopic().map(topic -> startThread("rootscope-kafka-publisher",
                new DiagnosisPublisher(new KafkaProducer<>(producerProperties(settings)), services.leases(), topic)));
        LOG.info("Kafka at {}: consuming {} as group {}, publishing diagnoses to {}", settings.bootstrap().get(), handlers.keySet(),
                settings.group(), settings.rcaTopic().orElse("(off)"));
        return Optional.of(new KafkaBridge(consumer, consumerThread, publisherThread));
    }

    /** Messages stored and skipped by the consumer since the start. */
    public long stored() {
        return consumer.map(MessageConsumer::stored).orElse(0L);
    }

    public long skipped() {
        return consumer.map(MessageConsumer::skipped).orElse(0L);
    }

    /** The consumer's counters in the Prometheus text format, for {@code /metrics}. */
    public String exposition() {
        return """
                # HELP rootscope_kafka_messages_total Kafka messages consumed: stored, or skipped as unstorable (undecodable, unknown tenant)
                # TYPE rootscope_kafka_messages_total counter
                rootscope_kafka_messages_total{outcome="stored"} %d
                rootscope_kafka_messages_total{outcome="skipped"} %d
                """.formatted(stored(), skipped());
    }

    private static Thread startThread(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("{} stopped by an unexpected failure", t.getName(), e));
        thread.start();
        return thread;
    }

    static Properties consumerProperties(KafkaSettings settings) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap().orElseThrow());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "rootscope-consumer");
        // Positions live in PostgreSQL; Kafka's committed offsets are only written for lag monitoring.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A backend that died is replaced in the group after this long (the classic protocol's default is 45 s).
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_PARTITION_FETCH_BYTES);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    static Properties producerProperties(KafkaSettings settings) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap().orElseThrow());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "rootscope-publisher");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return p;
    }

    /** Stops the consumer (between messages: a message's transaction commits or rolls back whole) and the publisher. */
    @Override
    public void close() {
        consumer.ifPresent(MessageConsumer::wakeup);
        publisherThread.ifPresent(Thread::interrupt);
        try {
            for (Thread thread : List.of(consumerThread, publisherThread).stream().flatMap(Optional::stream).toList()) {
                thread.join(STOP_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
