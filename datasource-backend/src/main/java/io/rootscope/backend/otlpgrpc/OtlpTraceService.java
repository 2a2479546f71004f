package io.rootscope.backend.otlpgrpc;

import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.rootscope.backend.http.OtlpExportResponse;
import io.rootscope.backend.ingest.TelemetryIngestor;

/** OTLP/gRPC {@code TraceService/Export}: spans into the same ingest as {@code POST /v1/traces}. */
public final class OtlpTraceService extends TraceServiceGrpc.TraceServiceImplBase {

    private final TelemetryIngestor ingestor;

    public OtlpTraceService(TelemetryIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @Override
    public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> responses) {
        OtlpExports.answer(TraceServiceGrpc.getExportMethod().getFullMethodName(), tenantId -> ingestor.ingestTraces(tenantId, request),
                OtlpExportResponse::traces, responses);
    }
}
