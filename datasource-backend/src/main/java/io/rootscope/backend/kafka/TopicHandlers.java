package io.rootscope.backend.kafka;

import io.rootscope.backend.detection.ExternalEventIngestor;
import io.rootscope.backend.etl.parse.OtlpEncoding;
import io.rootscope.backend.etl.parse.OtlpLogParser;
import io.rootscope.backend.etl.parse.OtlpTraceParser;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.detection.IngestResult;
import java.io.ByteArrayInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each consumed topic's messages become. The OpenTelemetry Collector's {@code kafka} exporter's topics: each message
 * one OTLP export request (spans or logs) in the configured encoding, staged like an OTLP/HTTP push with the message's
 * claim in the push's transaction (a message that does not decode is skipped). gala-anteater's anomaly topic: incidents.
 */
final class TopicHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(TopicHandlers.class);

    private TopicHandlers() {
    }

    /** Messages of {@code ExportTraceServiceRequest}. */
    static TopicHandler spans(TelemetryIngestor ingestor, OtlpEncoding encoding) {
        return (tenantId, value, claim) -> {
            ingestor.stageSpans(tenantId, new OtlpTraceParser().parse(new ByteArrayInputStream(value), encoding), claim.inTransaction());
            claim.alone();
        };
    }

    /** Messages of {@code ExportLogsServiceRequest}. */
    static TopicHandler logs(TelemetryIngestor ingestor, OtlpEncoding encoding) {
        return (tenantId, value, claim) -> {
            ingestor.stageLogs(tenantId, new OtlpLogParser().parse(new ByteArrayInputStream(value), encoding), claim.inTransaction());
            // A message whose records were all refused staged nothing: its claim is written alone.
            claim.alone();
        };
    }

    /**
     * gala-anteater's anomaly messages (its {@code model_topic} JSON): incidents through the same ingestor as
     * {@code POST /events/anteater}. Opening an incident is idempotent by the event's id, so the claim follows it.
     */
    static TopicHandler anomalies(ExternalEventIngestor events) {
        return (tenantId, value, claim) -> {
            IngestResult result = events.ingest(tenantId, new ByteArrayInputStream(value));
            claim.alone();
            result.rejects().forEach(reject -> LOG.warn("gala-anteater event not taken: {}: {}", reject.location(), reject.problem()));
        };
    }
}
