-- Where a Kafka consumer group resumes a topic's partition: the offset of the next message to read. The backend writes
-- it in the same transaction as the rows the messages before it carried, and seeks to it when the partition is
-- assigned, so a message's rows are committed exactly once whatever crashes or rebalances (Kafka's own committed offset
-- follows, for monitoring only).
CREATE TABLE kafka_consumer_offset (
    consumer_group text        NOT NULL,
    topic          text        NOT NULL,
    partition_no   integer     NOT NULL,
    next_offset    bigint      NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT kafka_consumer_offset_pk PRIMARY KEY (consumer_group, topic, partition_no),
    CONSTRAINT kafka_consumer_offset_ck CHECK (partition_no >= 0 AND next_offset >= 0)
);

-- Not tenant data: hidden from the read-only role (row security on, no policy), as the owner still sees it.
ALTER TABLE kafka_consumer_offset ENABLE ROW LEVEL SECURITY;

-- A finished incident diagnosis waiting to be published (gala-anteater's root-cause message, built from the
-- diagnosis in its own transaction). The publisher sends the unsent rows in order, keyed by message_key, and marks
-- them sent; a crash between the send and the mark sends a message again with the same key (at least once).
CREATE TABLE rca_outbox (
    outbox_id   bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id   bigint      NOT NULL CONSTRAINT rca_outbox_tenant_fk REFERENCES dim_tenant (tenant_id),
    run_id      bigint      NOT NULL,
    message_key text        NOT NULL,
    payload     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    CONSTRAINT rca_outbox_pk PRIMARY KEY (outbox_id),
    CONSTRAINT rca_outbox_run_uq UNIQUE (run_id)
);

CREATE INDEX rca_outbox_unsent_idx ON rca_outbox (outbox_id) WHERE sent_at IS NULL;

ALTER TABLE rca_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rca_outbox FOR SELECT USING (tenant_id = (SELECT rootscope.current_tenant_id()));
