package io.rootscope.backend.otlpgrpc;

import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.rootscope.backend.http.OtlpExportResponse;
import io.rootscope.backend.ingest.TelemetryIngestor;

/** OTLP/gRPC {@code LogsService/Export}: log records into the same ingest as {@code POST /v1/logs}. */
public final class OtlpLogsService extends LogsServiceGrpc.LogsServiceImplBase {

    private final TelemetryIngestor ingestor;

    public OtlpLogsService(TelemetryIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @Override
    public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> responses) {
        OtlpExports.answer(LogsServiceGrpc.getExportMethod().getFullMethodName(), tenantId -> ingestor.ingestLogs(tenantId, request),
                OtlpExportResponse::logs, responses);
    }
}
