package io.rootscope.backend.kafka;

import io.rootscope.backend.etl.parse.OtlpEncoding;
import java.util.Optional;

/**
 * Kafka, optional: with no bootstrap servers the backend starts no Kafka client at all. Otherwise one consumer group
 * reads the OpenTelemetry Collector's span and log topics and gala-anteater's anomaly topic, and finished diagnoses are
 * published to the root-cause topic; a topic set to {@link #OFF} is neither read nor written.
 *
 * @param bootstrap    {@code bootstrap.servers}; empty: Kafka off
 * @param group        the consumer group, also the key of the offsets stored in PostgreSQL
 * @param tenant       the tenant code of a message without the tenant header
 * @param encoding     the value encoding of the span and log topics (the Collector exporter's {@code encoding})
 * @param spansTopic   OTLP {@code ExportTraceServiceRequest} messages
 * @param logsTopic    OTLP {@code ExportLogsServiceRequest} messages
 * @param anomalyTopic gala-anteater's {@code model_topic}
 * @param rcaTopic     gala-anteater's {@code rca_topic}, where diagnoses are published
 */
public record KafkaSettings(Optional<String> bootstrap, String group, String tenant, OtlpEncoding encoding, Optional<String> spansTopic,
                            Optional<String> logsTopic, Optional<String> anomalyTopic, Optional<String> rcaTopic) {

    /** The value of a topic setting that turns that topic off. */
    public static final String OFF = "off";
    public static final String GROUP_DEFAULT = "rootscope";
    /** The Collector's {@code kafka} exporter's defaults. */
    public static final String ENCODING_DEFAULT = "otlp_proto";
    public static final String SPANS_TOPIC_DEFAULT = "otlp_spans";
    public static final String LOGS_TOPIC_DEFAULT = "otlp_logs";
    /** gala-anteater's defaults ({@code Kafka.model_topic}, {@code Kafka.rca_topic} of its configuration). */
    public static final String ANOMALY_TOPIC_DEFAULT = "gala_anteater_hybrid_model";
    public static final String RCA_TOPIC_DEFAULT = "gala_cause_inference";

    /** The Collector's exporter's name of an encoding this backend reads. */
    public static Optional<OtlpEncoding> encoding(String exporterName) {
        return switch (exporterName) {
            case "otlp_proto" -> Optional.of(OtlpEncoding.PROTOBUF);
            case "otlp_json" -> Optional.of(OtlpEncoding.JSON);
            default -> Optional.empty();
        };
    }
}
