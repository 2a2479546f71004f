package io.rootscope.backend.kafka;

import io.rootscope.backend.ingest.TelemetryIngestor;
import org.apache.kafka.common.TopicPartition;

/** The claim of one consumed message ({@link KafkaOffsets#claim}): in the transaction of its rows, or alone after them. */
final class OffsetClaim {

    private final KafkaOffsets offsets;
    private final TopicPartition partition;
    private final long offset;

    OffsetClaim(KafkaOffsets offsets, TopicPartition partition, long offset) {
        this.offsets = offsets;
        this.partition = partition;
        this.offset = offset;
    }

    /** The claim as work of an ingest's transaction. */
    TelemetryIngestor.TransactionHook inTransaction() {
        return connection -> offsets.claim(connection, partition, offset);
    }

    /** The claim in a transaction of its own: after an idempotent store, or for a message skipped. */
    void alone() {
        offsets.claim(partition, offset);
    }
}
