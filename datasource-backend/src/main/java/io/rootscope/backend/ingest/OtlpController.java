package io.rootscope.backend.ingest;

import io.javalin.http.Context;
import io.rootscope.backend.query.TenantResolver;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;

/** OTLP/HTTP with the JSON encoding: {@code POST /v1/traces} and {@code POST /v1/logs}. */
public final class OtlpController {

    private final TelemetryIngestor ingestor;
    private final TenantResolver tenants;

    public OtlpController(TelemetryIngestor ingestor, TenantResolver tenants) {
        this.ingestor = ingestor;
        this.tenants = tenants;
    }

    public void traces(Context ctx) throws IOException, SQLException {
        TelemetryIngestor.Summary summary = ingestor.ingestTraces(tenant(ctx), ctx.bodyInputStream());
        IngestResponses.respond(ctx, summary.accepted(), summary.rejects(), Map.of("calls", summary.staged()));
    }

    public void logs(Context ctx) throws IOException, SQLException {
        TelemetryIngestor.Summary summary = ingestor.ingestLogs(tenant(ctx), ctx.bodyInputStream());
        IngestResponses.respond(ctx, summary.accepted(), summary.rejects(), Map.of("events", summary.staged()));
    }

    private long tenant(Context ctx) {
        return tenants.resolve(TenantResolver.code(ctx.header(TenantResolver.HEADER)));
    }
}
