package io.rootscope.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.parse.OtlpEncoding;
import io.rootscope.backend.kafka.KafkaSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Kafka keys of {@link ConfigKey}: off by default, the Collector's and gala-anteater's topic names, {@code off} per topic. */
class KafkaConfigTest {

    @Test
    void kafkaIsOffWithoutBootstrapServersAndDefaultsToTheCollectorsAndGalaAnteatersTopics() {
        KafkaSettings kafka = BackendConfig.load(Map.of()).kafka();
        assertTrue(kafka.bootstrap().isEmpty());
        assertEquals(Optional.of("otlp_spans"), kafka.spansTopic());
        assertEquals(Optional.of("otlp_logs"), kafka.logsTopic());
        assertEquals(Optional.of("gala_anteater_hybrid_model"), kafka.anomalyTopic());
        assertEquals(Optional.of("gala_cause_inference"), kafka.rcaTopic());
        assertEquals(OtlpEncoding.PROTOBUF, kafka.encoding());
        assertEquals("rootscope", kafka.group());
        assertEquals("default", kafka.tenant());
    }

    @Test
    void everyKeyIsReadAndOffTurnsATopicOff() {
        KafkaSettings kafka = BackendConfig.load(Map.of("ROOTSCOPE_KAFKA_BOOTSTRAP", "k1:9092,k2:9092", "ROOTSCOPE_KAFKA_GROUP", "rs",
                "ROOTSCOPE_KAFKA_TENANT", "acme", "ROOTSCOPE_KAFKA_ENCODING", "otlp_json", "ROOTSCOPE_KAFKA_SPANS_TOPIC", "off",
                "ROOTSCOPE_KAFKA_LOGS_TOPIC", "logs", "ROOTSCOPE_KAFKA_ANOMALY_TOPIC", "model", "ROOTSCOPE_KAFKA_RCA_TOPIC", "off")).kafka();
        assertEquals(new KafkaSettings(Optional.of("k1:9092,k2:9092"), "rs", "acme", OtlpEncoding.JSON, Optional.empty(),
                Optional.of("logs"), Optional.of("model"), Optional.empty()), kafka);
    }

    @Test
    void anEncodingTheBackendCannotReadIsRefusedNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BackendConfig.load(Map.of("ROOTSCOPE_KAFKA_ENCODING", "jaeger_proto")));
        assertTrue(e.getMessage().startsWith("ROOTSCOPE_KAFKA_ENCODING must be otlp_proto or otlp_json"), e.getMessage());
    }
}
