package io.rootscope.backend.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker and controller node), in this JVM, from Maven Central's
 * Kafka artifacts: its log directory a fresh temporary folder, its listener on a free loopback port. Closing it stops the
 * broker and deletes the folder.
 */
public final class KafkaBroker implements AutoCloseable {

    private static KafkaBroker shared;

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** One broker per test JVM, for tests that use topics of their own; stopped when the JVM ends. */
    public static synchronized KafkaBroker shared() throws Exception {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    shared.close();
                } catch (Exception e) {
                    System.err.println("could not stop the test Kafka broker: " + e.getMessage());
                }
            }));
        }
        return shared;
    }

    public static KafkaBroker start() throws Exception {
        Path dir = Files.createTempDirectory("rootscope-kafka");
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).setBaseDirectory(dir).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setDeleteOnClose(true)
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaBroker(cluster);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** The {@code bootstrap.servers} of the broker. */
    public String bootstrap() {
        return cluster.bootstrapServers();
    }

    public void createTopic(String name, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
