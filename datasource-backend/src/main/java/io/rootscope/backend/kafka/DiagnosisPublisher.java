package io.rootscope.backend.kafka;

import io.rootscope.backend.db.replica.ReplicaLeases;
import io.rootscope.backend.rca.DiagnosisOutbox;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox's finished diagnoses to gala-anteater's root-cause topic, oldest first, keyed by the incident's
 * event id: a batch is marked sent only once the broker acknowledged all of it (an idempotent producer, {@code acks=all}),
 * so a crash or an unreachable broker or database delays messages and may send some again, never loses one. Of several
 * replicas one publishes at a time: a batch is read, sent and marked in a transaction holding the publisher's lease, so
 * the others neither send it too nor reorder it.
 */
final class DiagnosisPublisher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DiagnosisPublisher.class);
    static final int BATCH = 100;
    static final Duration IDLE = Duration.ofMillis(500);
    static final Duration ACK_WAIT = Duration.ofSeconds(30);
    static final Duration BACKOFF = Duration.ofSeconds(5);

    static final String LEASE = "diagnosis-publisher";

    private final Producer<String, String> producer;
    private final ReplicaLeases leases;
    private final String topic;

    DiagnosisPublisher(Producer<String, String> producer, ReplicaLeases leases, String topic) {
        this.producer = producer;
        this.leases = leases;
        this.topic = topic;
    }

    @Override
    public void run() {
        try (producer) {
            while (!Thread.currentThread().isInterrupted()) {
                int sent;
                try {
                    sent = publishBatch();
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("publishing diagnoses to Kafka topic {} failed, retrying: {}", topic, e.getMessage());
                    Thread.sleep(BACKOFF.toMillis());
                    continue;
                }
                if (sent < BATCH) {
                    Thread.sleep(IDLE.toMillis());
                }
            }
        } catch (InterruptedException e) {
            LOG.info("diagnosis publisher stopped");
        }
    }

    /** Sends one batch of unsent messages and marks them sent; returns how many (none while another replica publishes). */
    int publishBatch() throws SQLException {
        return leases.runIfDue(LEASE, ReplicaLeases.NO_TENANT, Duration.ZERO,
                connection -> publish(new DiagnosisOutbox(DSL.using(connection, SQLDialect.POSTGRES)))).orElse(0);
    }

    private int publish(DiagnosisOutbox outbox) {
        List<DiagnosisOutbox.Message> messages = outbox.unsent(BATCH);
        List<Future<RecordMetadata>> acks = new ArrayList<>(messages.size());
        for (DiagnosisOutbox.Message message : messages) {
            acks.add(producer.send(new ProducerRecord<>(topic, message.key(), message.payload())));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the broker did not acknowledge a diagnosis: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                // Stopping: the batch rolls back (sent again by the next publisher), and the loop sees the interrupt.
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopped while waiting for the broker", e);
            }
        }
        if (!messages.isEmpty()) {
            outbox.markSent(messages.stream().map(DiagnosisOutbox.Message::outboxId).toList());
        }
        return messages.size();
    }
}
