package io.rootscope.backend.kafka;

import io.rootscope.backend.refusal.DatabaseFailure;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread over the configured topics. On assignment each partition is positioned where PostgreSQL says
 * ({@link KafkaOffsets}); each message is stored with its claim in one transaction, so a crash or rebalance at any point
 * neither loses nor repeats a message's rows. A message that cannot be stored (undecodable, unknown tenant) is logged,
 * counted and claimed alone: it never blocks its partition. While the database is away the failed message and
 * everything after it are read again after a growing pause (at most {@link #BACKOFF_MAX}): nothing is skipped. Kafka's
 * committed offsets follow PostgreSQL's, for lag monitoring only.
 */
final class MessageConsumer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageConsumer.class);
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration BACKOFF_MIN = Duration.ofMillis(200);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(5);

    private enum Outcome { STORED, SKIPPED, RETRY, LOST }

    private final Consumer<byte[], byte[]> consumer;
    private final Map<String, TopicHandler> handlers;
    private final KafkaOffsets offsets;
    private final MessageTenants tenants;
    /** Partitions assigned but not yet positioned (the database was away on assignment): paused until they are. */
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private Duration backoff = BACKOFF_MIN;

    MessageConsumer(Consumer<byte[], byte[]> consumer, Map<String, TopicHandler> handlers, KafkaOffsets offsets, MessageTenants tenants) {
        this.consumer = consumer;
        this.handlers = Map.copyOf(handlers);
        this.offsets = offsets;
        this.tenants = tenants;
    }

    /** Messages stored, and messages skipped as unstorable, since the start. */
    long stored() {
        return stored.get();
    }

    long skipped() {
        return skipped.get();
    }

    /** Stops the loop from another thread; {@link #run} then closes the consumer. */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void run() {
        try (consumer) {
            consumer.subscribe(handlers.keySet(), new Positioning());
            while (!Thread.currentThread().isInterrupted()) {
                boolean retry = !position(Set.copyOf(unpositioned));
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                retry |= !consume(records);
                if (retry) {
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : backoff.multipliedBy(2);
                } else {
                    backoff = BACKOFF_MIN;
                }
            }
        } catch (WakeupException | InterruptedException e) {
            LOG.info("Kafka consumer stopped");
        }
    }

    /** Seeks each partition to its stored position and resumes it; false when the database is away (they stay paused). */
    private boolean position(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return true;
        }
        try {
            Map<TopicPartition, Long> positions = offsets.positions(partitions);
            // A partition the database has no position for starts where Kafka's committed offset or reset policy says.
            positions.forEach(consumer::seek);
            consumer.resume(partitions);
            unpositioned.removeAll(partitions);
            return true;
        } catch (RuntimeException e) {
            if (!transientFailure(e)) {
                throw e;
            }
            LOG.warn("cannot read the Kafka positions of {} from the database, retrying: {}", partitions, e.getMessage());
            consumer.pause(partitions);
            unpositioned.addAll(partitions);
            return false;
        }
    }

    /** Stores the polled messages in order per partition; false when one must be retried (the database is away). */
    private boolean consume(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean retry = false;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> messages = records.records(partition);
            if (retry) {
                // Read again after the pause, in order, with the message that failed.
                consumer.seek(partition, messages.get(0).offset());
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> message : messages) {
                Outcome outcome = consume(partition, message);
                if (outcome == Outcome.RETRY) {
                    consumer.seek(partition, message.offset());
                    retry = true;
                    break;
                }
                if (outcome == Outcome.LOST) {
                    // Another member stored it: this consumer's view of the partition is stale; read where the database says.
                    position(List.of(partition));
                    break;
                }
                done.put(partition, new OffsetAndMetadata(message.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            consumer.commitAsync(done, (committed, e) -> {
                if (e != null) {
                    LOG.debug("Kafka offset commit (monitoring only) failed: {}", e.getMessage());
                }
            });
        }
        return !retry;
    }

    private Outcome consume(TopicPartition partition, ConsumerRecord<byte[], byte[]> message) {
        OffsetClaim claim = new OffsetClaim(offsets, partition, message.offset());
        try {
            long tenantId = tenants.of(message.headers());
            handlers.get(message.topic()).handle(tenantId, message.value() == null ? new byte[0] : message.value(), claim);
            stored.incrementAndGet();
            return Outcome.STORED;
        } catch (KafkaOffsets.ClaimLostException e) {
            LOG.info("{}", e.getMessage());
            return Outcome.LOST;
        } catch (Exception e) {
            if (transientFailure(e)) {
                LOG.warn("database unavailable while storing Kafka message {}@{}, retrying: {}", partition, message.offset(), e.getMessage());
                return Outcome.RETRY;
            }
            return skip(partition, message, claim, e);
        }
    }

    private Outcome skip(TopicPartition partition, ConsumerRecord<byte[], byte[]> message, OffsetClaim claim, Exception why) {
        try {
            claim.alone();
        } catch (KafkaOffsets.ClaimLostException e) {
            return Outcome.LOST;
        } catch (RuntimeException e) {
            if (transientFailure(e)) {
                return Outcome.RETRY;
            }
            throw e;
        }
        skipped.incrementAndGet();
        LOG.warn("skipped Kafka message {}@{} ({} bytes): {}", partition, message.offset(),
                message.value() == null ? 0 : message.value().length, why.getMessage());
        return Outcome.SKIPPED;
    }

    /**
     * The database is away or overloaded: the message is fine and is retried. Serialisation failures and deadlocks
     * (class 40) are retried as well.
     */
    static boolean transientFailure(Throwable e) {
        String state = DatabaseFailure.sqlState(e);
        return DatabaseFailure.of(e).filter(f -> f != DatabaseFailure.TIMED_OUT).isPresent() || state != null && state.startsWith("40");
    }

    /** Positions each newly assigned partition from the database. */
    private final class Positioning implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            position(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            unpositioned.removeAll(partitions);
        }
    }
}
