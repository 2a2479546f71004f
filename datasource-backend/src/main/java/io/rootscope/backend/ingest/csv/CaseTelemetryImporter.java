package io.rootscope.backend.ingest.csv;

import io.rootscope.analytics.evaluation.RejectedRow;
import io.rootscope.analytics.evaluation.TelemetryCsv;
import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.analytics.rca.SpanRecord;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.etl.parse.ParseResult;
import io.rootscope.backend.etl.parse.ParsedLogRecord;
import io.rootscope.backend.etl.parse.ParsedSpan;
import io.rootscope.backend.etl.parse.ServiceRef;
import io.rootscope.backend.etl.parse.SpanKind;
import io.rootscope.backend.ingest.TelemetryIngestor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Loads the optional logs and spans of a case directory ({@code *_logs.csv}, {@code *_spans.csv}) through the
 * production ingest path: rows read by analytics' {@link TelemetryCsv} (the case reader's own, so both refuse the same
 * rows with file, line and column), then staged by {@link TelemetryIngestor#stageLogs} and
 * {@link TelemetryIngestor#stageSpans} as OTLP pushes are — Drain-mined into {@code log_pattern}/{@code log_event},
 * spans into {@code trace_span}, calls into {@code span_call}.
 *
 * <p>Services are named in the case's system as its metrics are ({@code urn:k8s:svc:<system>/<service>}), so a
 * service's logs, spans and metrics are one resource. Normal-period records move with the normal metrics
 * ({@code normalShiftSeconds}). Logs are staged in time order over both files, as the case reader mines them; spans
 * in batches of whole traces, so no call loses its parent to a batch boundary. Ids must be hex as in OTLP (at most 32
 * digits for a trace, 16 for a span); shorter ones are zero-padded on the left as OTLP exporters widen 64-bit trace
 * ids, and any other id refuses its row. A period the tenant already holds log events (or spans) of is not staged
 * again: a re-import stores nothing twice. Memory: the case's records (a Train Ticket case, ~15k spans and ~6k log
 * lines, takes a few MB); each batch is one transaction.
 */
// JDBC: bulk writes: a case import (CLI, evaluation), staged through TelemetryIngestor (db/package-info).
public final class CaseTelemetryImporter {

    /** Records per staged batch: one statement's arrays and one transaction's rows stay small. */
    public static final int BATCH_DEFAULT = 5_000;

    private static final int TRACE_ID_DIGITS = 32;
    private static final int SPAN_ID_DIGITS = 16;

    /**
     * What loading a case's logs and spans did.
     *
     * @param logsAccepted  log rows read and handed to the ingest
     * @param logEvents     {@code log_event} rows staged
     * @param spansAccepted span rows read and handed to the ingest
     * @param calls         service-to-service calls staged into {@code span_call}
     * @param rejected      rows refused, by file and line
     * @param skipped       kinds ("logs", "spans") not staged because the tenant holds that period already
     * @param from          the earliest record's time, null when there is none
     * @param to            the latest record's end, null when there is none
     */
    public record Result(long logsAccepted, long logEvents, long spansAccepted, long calls, List<RejectedRecord> rejected,
                         List<String> skipped, Instant from, Instant to) {

        public Result {
            rejected = List.copyOf(rejected);
            skipped = List.copyOf(skipped);
        }
    }

    private final DataSource dataSource;
    private final TelemetryIngestor ingestor;
    private final int batchSize;

    public CaseTelemetryImporter(DataSource dataSource, TelemetryIngestor ingestor) {
        this(dataSource, ingestor, BATCH_DEFAULT);
    }

    public CaseTelemetryImporter(DataSource dataSource, TelemetryIngestor ingestor, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.dataSource = dataSource;
        this.ingestor = ingestor;
        this.batchSize = batchSize;
    }

    /**
     * @param namespace          the case's system: the namespace of its services
     * @param normalShiftSeconds seconds added to the normal period's records
     */
    public Result importTelemetry(Path directory, long tenantId, String namespace, long normalShiftSeconds) throws SQLException {
        List<RejectedRow> rows = new ArrayList<>();
        List<ParsedLogRecord> logs = new ArrayList<>();
        readLogs(directory.resolve(TelemetryCsv.NORMAL_LOGS), namespace, normalShiftSeconds, rows, logs);
        readLogs(directory.resolve(TelemetryCsv.ANOMALOUS_LOGS), namespace, 0, rows, logs);
        Map<String, List<ParsedSpan>> traces = new LinkedHashMap<>();
        readSpans(directory.resolve(TelemetryCsv.NORMAL_SPANS), namespace, normalShiftSeconds, rows, traces);
        readSpans(directory.resolve(TelemetryCsv.ANOMALOUS_SPANS), namespace, 0, rows, traces);
        List<RejectedRecord> rejected = new ArrayList<>(rows.stream()
                .map(r -> new RejectedRecord(r.file(), r.line(), r.column(), null, r.reason())).toList());
        // Stable: lines of one instant keep their file order, as the case reader mines them.
        logs.sort(Comparator.comparingLong(ParsedLogRecord::timeUnixNano));
        long spanFrom = Long.MAX_VALUE;
        long spanTo = Long.MIN_VALUE;
        long spanCount = 0;
        for (List<ParsedSpan> trace : traces.values()) {
            for (ParsedSpan span : trace) {
                spanFrom = Math.min(spanFrom, span.startUnixNano());
                spanTo = Math.max(spanTo, span.endUnixNano());
                spanCount++;
            }
        }
        List<String> skipped = new ArrayList<>();
        long logEvents = 0;
        long from = spanFrom;
        long to = spanTo;
        if (!logs.isEmpty()) {
            long logFrom = logs.get(0).timeUnixNano();
            long logTo = logs.get(logs.size() - 1).timeUnixNano();
            from = Math.min(from, logFrom);
            to = Math.max(to, logTo);
            if (holds(tenantId, "log_event", logFrom, logTo)) {
                skipped.add("logs");
            } else {
                logEvents = stageLogs(tenantId, logs, rejected);
            }
        }
        long calls = 0;
        if (spanCount > 0) {
            if (holds(tenantId, "trace_span", spanFrom, spanTo)) {
                skipped.add("spans");
            } else {
                calls = stageSpans(tenantId, traces, rejected);
            }
        }
        return new Result(logs.size(), logEvents, spanCount, calls, rejected, skipped,
                from == Long.MAX_VALUE ? null : instant(from), to == Long.MIN_VALUE ? null : instant(to));
    }

    private long stageLogs(long tenantId, List<ParsedLogRecord> logs, List<RejectedRecord> rejected) throws SQLException {
        long staged = 0;
        for (int start = 0; start < logs.size(); start += batchSize) {
            List<ParsedLogRecord> batch = logs.subList(start, Math.min(logs.size(), start + batchSize));
            TelemetryIngestor.Summary summary = ingestor.stageLogs(tenantId, new ParseResult<>(batch, List.of()));
            staged += summary.staged();
            summary.rejects().forEach(r -> rejected.add(ingestRejected("*_logs.csv", r)));
        }
        return staged;
    }

    private long stageSpans(long tenantId, Map<String, List<ParsedSpan>> traces, List<RejectedRecord> rejected) throws SQLException {
        long calls = 0;
        List<ParsedSpan> batch = new ArrayList<>();
        for (List<ParsedSpan> trace : traces.values()) {
            batch.addAll(trace);
            if (batch.size() >= batchSize) {
                calls += stageSpanBatch(tenantId, batch, rejected);
                batch = new ArrayList<>();
            }
        }
        return batch.isEmpty() ? calls : calls + stageSpanBatch(tenantId, batch, rejected);
    }

    private long stageSpanBatch(long tenantId, List<ParsedSpan> batch, List<RejectedRecord> rejected) throws SQLException {
        TelemetryIngestor.Summary summary = ingestor.stageSpans(tenantId, new ParseResult<>(batch, List.of()));
        summary.rejects().forEach(r -> rejected.add(ingestRejected("*_spans.csv", r)));
        return summary.staged();
    }

    /** A record the ingest itself refused (its rows were checked before, so none is expected): where it names it. */
    private static RejectedRecord ingestRejected(String files, ParseReject reject) {
        return new RejectedRecord(files, 0, null, reject.location(), reject.problem());
    }

    private static void readLogs(Path file, String namespace, long shiftSeconds, List<RejectedRow> rejected,
                                 List<ParsedLogRecord> logs) {
        if (!Files.exists(file)) {
            return;
        }
        TelemetryCsv.readLogs(file, rejected, (line, log) -> logs.add(new ParsedLogRecord(service(log.service(), namespace),
                (log.timeMillis() + shiftSeconds * 1000) * 1_000_000L, LogSeverity.UNSPECIFIED, log.message(), null, null)));
    }

    private static void readSpans(Path file, String namespace, long shiftSeconds, List<RejectedRow> rejected,
                                  Map<String, List<ParsedSpan>> traces) {
        if (!Files.exists(file)) {
            return;
        }
        TelemetryCsv.readSpans(file, rejected, (line, span) -> {
            ParsedSpan parsed = parsedSpan(span, namespace, shiftSeconds);
            traces.computeIfAbsent(parsed.traceId(), t -> new ArrayList<>()).add(parsed);
        });
    }

    private static ParsedSpan parsedSpan(SpanRecord span, String namespace, long shiftSeconds) {
        String traceId = hexId("trace_id", span.traceId(), TRACE_ID_DIGITS);
        String spanId = hexId("span_id", span.spanId(), SPAN_ID_DIGITS);
        String parent = span.parentSpanId() == null ? null : hexId("parent_span_id", span.parentSpanId(), SPAN_ID_DIGITS);
        long start = (span.startMicros() + shiftSeconds * 1_000_000L) * 1000L;
        return new ParsedSpan(traceId, spanId, parent, service(span.service(), namespace), span.operation(), SpanKind.UNSPECIFIED,
                start, start + span.durationMicros() * 1000L, false, null);
    }

    /** A service whose name can be a resource's, else the row is refused at its service column. */
    private static ServiceRef service(String name, String namespace) {
        ServiceRef service = new ServiceRef(name, namespace);
        try {
            service.toUrn();
        } catch (IllegalArgumentException e) {
            throw new TelemetryCsv.RowRejection("service", e.getMessage());
        }
        return service;
    }

    /** Hex of at most {@code digits} digits, not all zero: lower-cased and zero-padded on the left to {@code digits}. */
    static String hexId(String column, String text, int digits) {
        boolean zero = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex || text.length() > digits) {
                throw new TelemetryCsv.RowRejection(column, "not hex of at most " + digits + " digits: '" + text + "'");
            }
            zero &= c == '0';
        }
        if (zero) {
            throw new TelemetryCsv.RowRejection(column, "an all-zero id is invalid");
        }
        return "0".repeat(digits - text.length()) + text.toLowerCase(Locale.ROOT);
    }

    /** Whether the tenant holds rows of {@code table} between the two times (both included). */
    private boolean holds(long tenantId, String table, long fromNano, long toNano) throws SQLException {
        String sql = "SELECT EXISTS (SELECT FROM rootscope." + table + " WHERE tenant_id = ? AND ts >= ? AND ts <= ?)";
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, tenantId);
            query.setObject(2, instant(fromNano).atOffset(ZoneOffset.UTC));
            query.setObject(3, instant(toNano).atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static Instant instant(long unixNano) {
        return Instant.ofEpochSecond(0, unixNano);
    }
}
