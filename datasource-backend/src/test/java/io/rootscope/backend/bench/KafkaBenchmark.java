package io.rootscope.backend.bench;

import io.rootscope.backend.BackendMain;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.testing.CollectorMessages;
import io.rootscope.backend.testing.KafkaBroker;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./rootscope bench kafka [RECORDS [PER_MESSAGE]]}: the Kafka consumer's exactly-once figure. A real Kafka broker
 * (KRaft, in this JVM) gets RECORDS log records (default 1,000,000) in OTLP protobuf messages of PER_MESSAGE records
 * (default 1,000) over 3 partitions, as the OpenTelemetry Collector's {@code kafka} exporter writes them; a backend process
 * ({@code rootscope serve} on a fresh database) consumes them, is killed with SIGKILL when a third is stored, and is started
 * again. Prints the final row count (it must equal RECORDS), records/s, and the time lost to the restart: from the kill
 * until rows grew again (a new JVM, its group membership once the dead member's session expired, its positions read).
 * The backend processes' log goes to {@code rootscope-bench-kafka.log} in the temporary folder.
 */
public final class KafkaBenchmark {

    private static final String TOPIC = "otlp_logs";
    private static final String SERVICES_NAMESPACE = "bench";

    private KafkaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perMessage = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        try (KafkaBroker broker = KafkaBroker.start(); TestDatabase database = TestDatabase.createMigrated()) {
            broker.createTopic(TOPIC, 3);
            long produceStart = System.nanoTime();
            produce(broker, records, perMessage);
            System.out.printf("produced %,d log records in %,d messages over 3 partitions in %.1f s%n", records,
                    (records + perMessage - 1) / perMessage, seconds(System.nanoTime() - produceStart));

            Map<String, String> env = backendEnvironment(database, broker);
            String count = "SELECT count(*) FROM log_event";
            long start = System.nanoTime();
            Process backend = startBackend(env);
            long stored = waitFor(database, count, n -> n >= records / 3, Duration.ofMinutes(20));
            backend.destroyForcibly().waitFor();
            long killedAt = System.nanoTime();
            long atKill = rows(database, count);
            System.out.printf("SIGKILL after %.1f s with %,d rows stored%n", seconds(killedAt - start), atKill);
            backend = startBackend(env);
            waitFor(database, count, n -> n > atKill, Duration.ofMinutes(5));
            long lost = System.nanoTime() - killedAt;
            waitFor(database, count, n -> n >= records, Duration.ofMinutes(30));
            long end = System.nanoTime();
            // Anything written twice would show up after the last message: give it time to.
            Thread.sleep(5_000);
            long finalRows = rows(database, count);
            backend.destroy();
            backend.waitFor(30, TimeUnit.SECONDS);
            System.out.printf("final log_event rows: %,d of %,d records (%s)%n", finalRows, records,
                    finalRows == records ? "exact" : "MISMATCH");
            System.out.printf("consumed %,.0f records/s end to end (%.1f s, restart included)%n", records / seconds(end - start),
                    seconds(end - start));
            System.out.printf("time lost to the restart: %.1f s (kill to the first rows of the new process)%n", seconds(lost));
            if (finalRows != records || stored == 0) {
                System.exit(1);
            }
        }
    }

    private static void produce(KafkaBroker broker, int records, int perMessage) throws Exception {
        Instant at = Instant.now().minusSeconds(60);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap(),
                "acks", "all", "linger.ms", 5, "max.request.size", 4 << 20), new ByteArraySerializer(), new ByteArraySerializer())) {
            int message = 0;
            for (int sent = 0; sent < records; sent += perMessage, message++) {
                int count = Math.min(perMessage, records - sent);
                producer.send(new ProducerRecord<>(TOPIC, message % 3, null,
                        CollectorMessages.logs(SERVICES_NAMESPACE, "service-" + message % 10, at, count)));
            }
            producer.flush();
        }
    }

    private static Map<String, String> backendEnvironment(TestDatabase database, KafkaBroker broker) {
        Map<String, String> env = new HashMap<>();
        env.put(ConfigKey.JDBC_URL.key(), TestDatabase.server().jdbcUrl(database.name()));
        env.put(ConfigKey.DB_USER.key(), TestDatabase.APP_ROLE);
        env.put(ConfigKey.DB_READER_USER.key(), TestDatabase.READER_ROLE);
        System.getenv().entrySet().stream().filter(e -> e.getKey().equals(ConfigKey.DB_PASSWORD.key())
                || e.getKey().equals(ConfigKey.DB_READER_PASSWORD.key())).forEach(e -> env.put(e.getKey(), e.getValue()));
        env.put(ConfigKey.HTTP_PORT.key(), "0");
        env.put(ConfigKey.KAFKA_BOOTSTRAP.key(), broker.bootstrap());
        env.put(ConfigKey.KAFKA_SPANS_TOPIC.key(), "off");
        env.put(ConfigKey.KAFKA_ANOMALY_TOPIC.key(), "off");
        env.put(ConfigKey.KAFKA_RCA_TOPIC.key(), "off");
        return env;
    }

    /** {@code rootscope serve} in a JVM of its own, with this JVM's class path and a bounded heap. */
    private static Process startBackend(Map<String, String> env) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", System.getProperty("java.class.path"), BackendMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"), "rootscope-bench-kafka.log")));
        builder.environment().keySet().removeIf(name -> name.startsWith(ConfigKey.PREFIX));
        builder.environment().putAll(env);
        return builder.start();
    }

    interface Until {
        boolean reached(long rows);
    }

    private static long waitFor(TestDatabase database, String count, Until until, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long rows = rows(database, count);
            if (until.reached(rows)) {
                return rows;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out at " + rows + " rows");
            }
            Thread.sleep(100);
        }
    }

    private static long rows(TestDatabase database, String count) throws Exception {
        return Long.parseLong(Rows.single(database.dataSource(), count));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
