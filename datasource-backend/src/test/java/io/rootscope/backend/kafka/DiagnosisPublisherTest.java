package io.rootscope.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.db.replica.ReplicaLeases;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' publishers over one outbox (a database of its own: the shared one's outbox is other tests'): while one
 * waits for the broker's acknowledgement of a batch, the other sends nothing, and every message goes out once.
 */
class DiagnosisPublisherTest {

    private static TestDatabase database;
    private static DataSource db;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.createMigrated();
        db = database.dataSource();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    /** A broker of one topic, {@code rca}, of one partition; acknowledging each send at once, or when told. */
    private static MockProducer<String, String> broker(boolean autoComplete) {
        Node node = new Node(0, "localhost", 9092);
        Cluster cluster = new Cluster("test", List.of(node), List.of(new PartitionInfo("rca", 0, node, new Node[] {node}, new Node[] {node})),
                Set.of(), Set.of());
        return new MockProducer<>(cluster, autoComplete, null, new StringSerializer(), new StringSerializer());
    }

    @Test
    void oneReplicaPublishesABatchAtATimeAndEachMessageOnce() throws Exception {
        long tenant = TestTenant.create(db, "publish").id();
        for (int run = 1; run <= 3; run++) {
            Rows.execute(db, "INSERT INTO rca_outbox (tenant_id, run_id, message_key, payload) VALUES (" + tenant + ", " + run
                    + ", 'incident-" + run + "', '{}')");
        }
        MockProducer<String, String> slowBroker = broker(false);
        MockProducer<String, String> otherBroker = broker(true);
        DiagnosisPublisher first = new DiagnosisPublisher(slowBroker, new ReplicaLeases(db, "first", Clock.systemUTC()), "rca");
        DiagnosisPublisher second = new DiagnosisPublisher(otherBroker, new ReplicaLeases(db, "second", Clock.systemUTC()), "rca");

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return first.publishBatch();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (slowBroker.history().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(3, slowBroker.history().size(), "the first replica sent its batch and waits for the broker");
        assertEquals(0, second.publishBatch(), "the second replica sends nothing while the first holds the lease");
        while (slowBroker.completeNext()) {
            // acknowledge the batch, message by message
        }
        assertEquals(3, waiting.get(30, TimeUnit.SECONDS));
        assertEquals(0, second.publishBatch(), "nothing is left to send");
        assertEquals(List.of(), otherBroker.history());
        assertEquals(List.of("incident-1", "incident-2", "incident-3"), slowBroker.history().stream().map(ProducerRecord::key).toList());
        assertEquals("3", Rows.single(db, "SELECT count(*) FROM rca_outbox WHERE sent_at IS NOT NULL AND tenant_id = " + tenant));
    }
}
