package io.rootscope.backend.otlpgrpc;

import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.rootscope.backend.http.OtlpExportResponse;
import io.rootscope.backend.ingest.TelemetryIngestor;

/** OTLP/gRPC {@code MetricsService/Export}: data points into the same ingest as {@code POST /v1/metrics}. */
public final class OtlpMetricsService extends MetricsServiceGrpc.MetricsServiceImplBase {

    private final TelemetryIngestor ingestor;

    public OtlpMetricsService(TelemetryIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @Override
    public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> responses) {
        OtlpExports.answer(MetricsServiceGrpc.getExportMethod().getFullMethodName(), tenantId -> ingestor.ingestMetrics(tenantId, request),
                OtlpExportResponse::metrics, responses);
    }
}
