package io.rootscope.backend.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The OpenTelemetry Java SDK exporting, through the exporters it is given (OTLP/HTTP or OTLP/gRPC), a server span with a
 * failing client call to {@code carts} and three ERROR log records of service {@code front-end} in {@code namespace};
 * then the checks of the rows they must leave in {@code trace_span}, {@code span_call} and {@code log_event}.
 */
public final class SdkExports {

    private SdkExports() {
    }

    public static void exportAndCheck(DataSource db, long tenantId, String namespace, SpanExporter spans, LogRecordExporter logs)
            throws SQLException {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "front-end", AttributeKey.stringKey("service.namespace"), namespace)));
        String traceId;
        String serverSpanId;
        String clientSpanId;
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(spans).build()).build();
             SdkLoggerProvider logging = SdkLoggerProvider.builder().setResource(resource)
                     .addLogRecordProcessor(BatchLogRecordProcessor.builder(logs).build()).build()) {
            Tracer tracer = tracing.get("rootscope-test");
            Logger logger = logging.get("rootscope-test");
            Span server = tracer.spanBuilder("GET /cart").setSpanKind(SpanKind.SERVER).startSpan();
            try (Scope ignored = server.makeCurrent()) {
                Span client = tracer.spanBuilder("GET carts").setSpanKind(SpanKind.CLIENT).setAttribute("peer.service", "carts").startSpan();
                client.setStatus(StatusCode.ERROR);
                clientSpanId = client.getSpanContext().getSpanId();
                client.end();
                for (int i = 0; i < 3; i++) {
                    logger.logRecordBuilder().setTimestamp(Instant.now()).setSeverity(Severity.ERROR).setSeverityText("ERROR")
                            .setBody("cart " + (40 + i) + " not found").emit();
                }
            }
            traceId = server.getSpanContext().getTraceId();
            serverSpanId = server.getSpanContext().getSpanId();
            server.end();
            assertTrue(tracing.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "the span export succeeded");
            assertTrue(logging.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "the log export succeeded");
        }
        String urn = "urn:k8s:svc:" + namespace + "/front-end";
        assertEquals("GET /cart - false -, GET carts " + serverSpanId + " true urn:k8s:svc:" + namespace + "/carts",
                Rows.single(db, "SELECT string_agg(s.operation || ' ' || coalesce(s.parent_span_id, '-') || ' ' || s.error || ' ' "
                        + "|| coalesce(p.urn, '-'), ', ' ORDER BY s.operation) FROM trace_span s JOIN dim_resource r USING (resource_id) "
                        + "LEFT JOIN dim_resource p ON p.resource_id = s.peer_resource_id "
                        + "WHERE s.tenant_id = " + tenantId + " AND r.urn = '" + urn + "' AND s.trace_id = '" + traceId + "'"),
                "both spans under the SDK's trace id (lower-case hex), the client one with its parent, error and peer");
        assertEquals(clientSpanId, Rows.single(db, "SELECT span_id FROM trace_span WHERE tenant_id = " + tenantId
                + " AND trace_id = '" + traceId + "' AND operation = 'GET carts'"));
        assertEquals("1 true", Rows.single(db, "SELECT count(*) || ' ' || bool_and(c.error) FROM span_call c "
                + "JOIN dim_resource s ON s.resource_id = c.src_resource_id JOIN dim_resource d ON d.resource_id = c.dst_resource_id "
                + "WHERE c.tenant_id = " + tenantId + " AND s.urn = '" + urn + "' AND d.urn = 'urn:k8s:svc:" + namespace + "/carts'"),
                "the client span's call to its peer");
        assertEquals("3 true cart <NUM> not found", Rows.single(db, "SELECT count(*) || ' ' || bool_and(e.error) || ' ' || min(p.pattern) "
                + "FROM log_event e JOIN log_pattern p USING (pattern_id) JOIN dim_resource r ON r.resource_id = e.resource_id "
                + "WHERE e.tenant_id = " + tenantId + " AND r.urn = '" + urn + "'"));
    }
}
