/**
 * The message entry: Kafka, optional ({@link io.rootscope.backend.kafka.KafkaBridge}, started only with
 * {@code ROOTSCOPE_KAFKA_BOOTSTRAP}). One consumer group reads the OpenTelemetry Collector's span and log topics into the
 * same ingest path as OTLP/HTTP, and gala-anteater's anomaly topic into incidents; each message's offset is stored in
 * PostgreSQL in the transaction of its rows ({@link io.rootscope.backend.kafka.KafkaOffsets}), so its rows are committed
 * exactly once. Finished diagnoses are published from the outbox ({@link io.rootscope.backend.kafka.DiagnosisPublisher}).
 * The only package that sees Kafka's clients: it may use the services, storage and support; only the root package uses it.
 */
package io.rootscope.backend.kafka;
