package io.rootscope.workload.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.workload.sim.Tick;
import java.io.UncheckedIOException;
import java.util.List;

/** Turns each tick into sampled traces and logs and queues them on the exporter. */
public final class TelemetryPublisher {

    private final TraceGenerator traces;
    private final LogGenerator logs;
    private final OtlpJson json;
    private final ObjectMapper mapper;
    private final OtlpExporter exporter;

    public TelemetryPublisher(TraceGenerator traces, LogGenerator logs, OtlpJson json, ObjectMapper mapper,
            OtlpExporter exporter) {
        this.traces = traces;
        this.logs = logs;
        this.json = json;
        this.mapper = mapper;
        this.exporter = exporter;
    }

    public void publish(Tick tick) {
        List<SpanRecord> spans = traces.generate(tick);
        List<LogRecord> lines = logs.generate(tick, spans);
        try {
            if (!spans.isEmpty()) {
                exporter.submit(OtlpExporter.TRACES_PATH, mapper.writeValueAsString(json.traces(spans, tick.pods())));
            }
            if (!lines.isEmpty()) {
                exporter.submit(OtlpExporter.LOGS_PATH, mapper.writeValueAsString(json.logs(lines, tick.pods())));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode OTLP JSON", e);
        }
    }

    public OtlpExporter exporter() {
        return exporter;
    }
}
