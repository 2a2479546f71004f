package io.rootscope.backend.kafka;

import static io.rootscope.backend.db.schema.Tables.KAFKA_CONSUMER_OFFSET;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A consumer group's positions in PostgreSQL ({@code kafka_consumer_offset}): where each partition resumes, and the claim
 * of one message, written in the transaction of its rows. A claim moves the partition's position past the message only if
 * nobody moved it past it already: a consumer that lost its partition in a rebalance and still finishes a message (a
 * zombie) fails its claim, so its transaction, rows included, rolls back.
 */
final class KafkaOffsets {

    /** Another consumer of the group committed this message (or a later one) first. */
    static final class ClaimLostException extends RuntimeException {
        ClaimLostException(TopicPartition partition, long offset) {
            super("message " + partition + "@" + offset + " was already consumed by another member of the group");
        }
    }

    private final DSLContext db;
    private final String group;

    KafkaOffsets(DSLContext db, String group) {
        this.db = db;
        this.group = group;
    }

    /** The stored position (next offset to read) of each partition that has one. */
    Map<TopicPartition, Long> positions(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        if (partitions.isEmpty()) {
            return positions;
        }
        db.select(KAFKA_CONSUMER_OFFSET.TOPIC, KAFKA_CONSUMER_OFFSET.PARTITION_NO, KAFKA_CONSUMER_OFFSET.NEXT_OFFSET)
                .from(KAFKA_CONSUMER_OFFSET).where(KAFKA_CONSUMER_OFFSET.CONSUMER_GROUP.eq(group))
                .and(KAFKA_CONSUMER_OFFSET.TOPIC.in(partitions.stream().map(TopicPartition::topic).distinct().toList()))
                .forEach(r -> {
                    TopicPartition partition = new TopicPartition(r.value1(), r.value2());
                    if (partitions.contains(partition)) {
                        positions.put(partition, r.value3());
                    }
                });
        return positions;
    }

    /** Claims the message at {@code offset} through {@code connection}, inside the caller's transaction. */
    void claim(Connection connection, TopicPartition partition, long offset) {
        claim(DSL.using(connection, SQLDialect.POSTGRES), partition, offset);
    }

    /** Claims the message at {@code offset} in a transaction of its own (a message that carried nothing to store). */
    void claim(TopicPartition partition, long offset) {
        db.transaction(tx -> claim(tx.dsl(), partition, offset));
    }

    private void claim(DSLContext t, TopicPartition partition, long offset) {
        int moved = t.insertInto(KAFKA_CONSUMER_OFFSET)
                .set(KAFKA_CONSUMER_OFFSET.CONSUMER_GROUP, group)
                .set(KAFKA_CONSUMER_OFFSET.TOPIC, partition.topic())
                .set(KAFKA_CONSUMER_OFFSET.PARTITION_NO, partition.partition())
                .set(KAFKA_CONSUMER_OFFSET.NEXT_OFFSET, offset + 1)
                .onConflictOnConstraint(DSL.name("kafka_consumer_offset_pk")).doUpdate()
                .set(KAFKA_CONSUMER_OFFSET.NEXT_OFFSET, offset + 1)
                .set(KAFKA_CONSUMER_OFFSET.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(KAFKA_CONSUMER_OFFSET.NEXT_OFFSET.le(offset))
                .execute();
        if (moved == 0) {
            throw new ClaimLostException(partition, offset);
        }
    }
}
