package io.rootscope.backend.testing;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.backend.etl.parse.ParseResult;
import io.rootscope.backend.etl.parse.ParsedLogRecord;
import io.rootscope.backend.etl.parse.ParsedSpan;
import io.rootscope.backend.etl.parse.ServiceRef;
import io.rootscope.backend.etl.parse.SpanKind;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.ingest.TelemetryIngestor;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Traces and logs of a three-service shop pushed through the production ingest ({@link TelemetryIngestor#stageSpans},
 * {@link TelemetryIngestor#stageLogs}): every trace is front-end {@value #CHECKOUT} → orders {@value #PLACE} → payment
 * {@value #CHARGE}; the front-end logs one INFO line per trace. From the anomaly on, payment's charge fails in every
 * trace and payment logs an ERROR line for it.
 */
public final class ShopTelemetry {

    public static final String CHECKOUT = "GET /checkout";
    public static final String PLACE = "POST /orders";
    public static final String CHARGE = "charge";

    private static final AtomicLong IDS = new AtomicLong();

    private final String namespace;
    private final TelemetryIngestor ingestor;

    public ShopTelemetry(DataSource db, String namespace) {
        this.namespace = namespace;
        this.ingestor = new TelemetryIngestor(db, new ResourceResolver(db));
    }

    public String urn(String service) {
        return "urn:k8s:svc:" + namespace + "/" + service;
    }

    /** {@code perMinute} traces in each minute of [from, from + minutes), failing from {@code anomalyStart}; logs with them. */
    public void push(long tenantId, Instant from, int minutes, int perMinute, Instant anomalyStart) throws SQLException {
        List<ParsedSpan> spans = new ArrayList<>();
        List<ParsedLogRecord> logs = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            for (int i = 0; i < perMinute; i++) {
                Instant at = from.plusSeconds(60L * minute + (60L * i) / perMinute);
                boolean failing = !at.isBefore(anomalyStart);
                String trace = trace(spans, at, failing);
                long nanos = nanos(at);
                logs.add(new ParsedLogRecord(service("front-end"), nanos, LogSeverity.INFO,
                        "request " + (1000 + i) + " served in " + (5 + i % 7) + " ms", trace, null));
                if (failing) {
                    logs.add(new ParsedLogRecord(service("payment"), nanos + 1_000_000, LogSeverity.ERROR,
                            "charge of order " + (5000 + i) + " failed: card processor refused", trace, null));
                }
            }
        }
        ingestor.stageSpans(tenantId, new ParseResult<>(spans, List.of()));
        ingestor.stageLogs(tenantId, new ParseResult<>(logs, List.of()));
    }

    /** One more trace at {@code at}, its spans only (no logs). @return its trace id */
    public String pushTrace(long tenantId, Instant at) throws SQLException {
        List<ParsedSpan> spans = new ArrayList<>();
        String trace = trace(spans, at, false);
        ingestor.stageSpans(tenantId, new ParseResult<>(spans, List.of()));
        return trace;
    }

    /** Pushes spans again as they are (a redelivery). */
    public void pushAgain(long tenantId, List<ParsedSpan> spans) throws SQLException {
        ingestor.stageSpans(tenantId, new ParseResult<>(spans, List.of()));
    }

    /** The three spans of one trace at {@code at}, added to {@code spans}. @return the trace id */
    public String trace(List<ParsedSpan> spans, Instant at, boolean failing) {
        long id = IDS.incrementAndGet();
        String trace = "%032x".formatted(id);
        String root = "%016x".formatted(3 * id);
        String orders = "%016x".formatted(3 * id + 1);
        String payment = "%016x".formatted(3 * id + 2);
        long start = nanos(at);
        spans.add(new ParsedSpan(trace, root, null, service("front-end"), CHECKOUT, SpanKind.SERVER, start, start + 30_000_000L,
                failing, null));
        spans.add(new ParsedSpan(trace, orders, root, service("orders"), PLACE, SpanKind.SERVER, start + 1_000_000L,
                start + 25_000_000L, failing, null));
        spans.add(new ParsedSpan(trace, payment, orders, service("payment"), CHARGE, SpanKind.SERVER, start + 2_000_000L,
                start + 20_000_000L, failing, null));
        return trace;
    }

    private ServiceRef service(String name) {
        return new ServiceRef(name, namespace);
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
