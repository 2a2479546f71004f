package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.backend.etl.parse.ServiceRef;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.refusal.InvalidInputException;
import java.io.IOException;
import java.util.Optional;
import java.sql.SQLException;
import java.util.Map;

/**
 * OTLP/HTTP ({@code POST /v1/traces}, {@code POST /v1/logs}, {@code POST /v1/metrics}) in protobuf or JSON, gzip-compressed or not, answered in
 * the request's encoding; and plain text logs.
 */
public final class OtlpController {

    private final TelemetryIngestor ingestor;
    private final TenantResolver tenants;

    public OtlpController(TelemetryIngestor ingestor, TenantResolver tenants) {
        this.ingestor = ingestor;
        this.tenants = tenants;
    }

    public void traces(Context ctx) throws IOException, SQLException {
        RequestBody.OtlpBody body = RequestBody.otlp(ctx);
        TelemetryIngestor.Summary summary = ingestor.ingestTraces(tenant(ctx), body.stream(), body.encoding());
        IngestResponses.respondOtlp(ctx, body.encoding(), OtlpExportResponse.TRACES, summary.accepted(), summary.rejects(),
                Map.of("calls", summary.staged()));
    }

    public void logs(Context ctx) throws IOException, SQLException {
        RequestBody.OtlpBody body = RequestBody.otlp(ctx);
        TelemetryIngestor.Summary summary = ingestor.ingestLogs(tenant(ctx), body.stream(), body.encoding());
        IngestResponses.respondOtlp(ctx, body.encoding(), OtlpExportResponse.LOGS, summary.accepted(), summary.rejects(),
                Map.of("events", summary.staged(), "truncated", summary.truncated()));
    }

    /** {@code POST /v1/metrics}: series in Prometheus's data model; {@code samples} counts those new to the store. */
    public void metrics(Context ctx) throws IOException, SQLException {
        RequestBody.OtlpBody body = RequestBody.otlp(ctx);
        TelemetryIngestor.Summary summary = ingestor.ingestMetrics(tenant(ctx), body.stream(), body.encoding());
        IngestResponses.respondOtlp(ctx, body.encoding(), OtlpExportResponse.METRICS, summary.accepted(), summary.rejects(),
                Map.of("samples", summary.staged()));
    }

    /** {@code POST /v1/logs/text[?service=NAME&namespace=NS]}: plain text log lines (see TelemetryIngestor). */
    public void textLogs(Context ctx) throws IOException, SQLException {
        String service = ctx.queryParam("service");
        Optional<ServiceRef> named = service == null || service.isBlank() ? Optional.empty()
                : Optional.of(new ServiceRef(service, ctx.queryParam("namespace")));
        if (named.isPresent()) {
            checkUrn(new ServiceRef(service, null), "service");
            checkUrn(named.get(), "namespace");
        }
        TelemetryIngestor.Summary summary = ingestor.ingestTextLogs(tenant(ctx),
                RequestBody.plainText(ctx), named);
        IngestResponses.respond(ctx, summary.accepted(), summary.rejects(), Map.of("events", summary.staged(), "truncated", summary.truncated()));
    }

    /** A query parameter that cannot name a Kubernetes service is the request's mistake, not each line's. */
    private static void checkUrn(ServiceRef service, String parameter) {
        try {
            service.toUrn();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(parameter, e.getMessage());
        }
    }

    private long tenant(Context ctx) {
        return tenants.forRequest(ctx).id();
    }
}
