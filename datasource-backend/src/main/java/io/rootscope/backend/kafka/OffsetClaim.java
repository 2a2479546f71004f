package io.rootscope.backend.kafka;

import io.rootscope.backend.ingest.TelemetryIngestor;
import org.apache.kafka.common.TopicPartition;

/**
 * The claim of one consumed message ({@link KafkaOffsets#claim}): in the transaction of its rows, or alone when that
 * transaction did not write it (the message kept nothing) or there was none.
 */
final class OffsetClaim {

    private final KafkaOffsets offsets;
    private final TopicPartition partition;
    private final long offset;
    /** Whether the claim was written in an ingest's transaction (which then committed, or threw). */
    private boolean written;

    OffsetClaim(KafkaOffsets offsets, TopicPartition partition, long offset) {
        this.offsets = offsets;
        this.partition = partition;
        this.offset = offset;
    }

    /** The claim as work of an ingest's transaction. */
    TelemetryIngestor.TransactionHook inTransaction() {
        return connection -> {
            offsets.claim(connection, partition, offset);
            written = true;
        };
    }

    /** The claim in a transaction of its own, unless an ingest's transaction wrote it: after an idempotent store, or a skip. */
    void alone() {
        if (!written) {
            offsets.claim(partition, offset);
            written = true;
        }
    }
}
