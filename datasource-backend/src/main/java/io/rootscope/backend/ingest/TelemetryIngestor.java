package io.rootscope.backend.ingest;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.rootscope.analytics.logs.DrainTemplateMiner;
import io.rootscope.analytics.logs.LogEntry;
import io.rootscope.analytics.logs.LogMessageLimits;
import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.analytics.logs.LogTemplateBatch;
import io.rootscope.analytics.logs.MinedLogLine;
import io.rootscope.analytics.logs.TemplateGeneralisation;
import io.rootscope.backend.etl.parse.OtlpEncoding;
import io.rootscope.backend.etl.parse.OtlpLogParser;
import io.rootscope.backend.etl.parse.OtlpMetricParser;
import io.rootscope.backend.etl.parse.OtlpTraceParser;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.etl.parse.ParseResult;
import io.rootscope.backend.etl.parse.ParsedLogRecord;
import io.rootscope.backend.etl.parse.ParsedSpan;
import io.rootscope.backend.etl.parse.PlainTextLogParser;
import io.rootscope.backend.etl.parse.ServiceCall;
import io.rootscope.backend.etl.parse.ServiceCallExtractor;
import io.rootscope.backend.etl.parse.ServiceRef;
import io.rootscope.backend.etl.runtime.PendingBucketStore;
import io.rootscope.backend.etl.write.LogPatternGeneraliser;
import io.rootscope.backend.etl.write.LogPatternWriter;
import io.rootscope.backend.etl.write.LogTemplateRow;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.PushedSample;
import io.rootscope.backend.etl.write.PushedSeries;
import io.rootscope.backend.etl.write.PushedSeriesWriter;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.etl.write.StagedTelemetryWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * Takes pushed OTLP traces, logs and metrics (protobuf or JSON), and pushed metric series, into the staging tables: traces as spans ({@code trace_span}, for the
 * diagnosis) and service-to-service calls ({@code span_call}), logs as template-mined events ({@code log_event}, templates upserted into
 * {@code log_pattern} by their fingerprint), metric series as they came ({@code pushed_sample}). The ETL's jobs fold the
 * staged rows into {@code service_call_5m} and {@code log_pattern_5m} per window.
 *
 * <p>A log group is a {@code log_pattern} row: when Drain generalises a cluster's template, the row follows it
 * ({@link LogPatternGeneraliser}) in the push's transaction, so earlier events stay in the group. After a start,
 * or once another backend changed the tenant's templates (their revision, V014, moved), the tenant's tree is
 * restored from its stored templates, so neither a restart nor a second backend splits groups. A tenant's pushes
 * are mined one at a time across backends: each holds a transaction-level advisory lock on the tenant.
 *
 * <p>With {@link LatenessBounds} (the HTTP endpoints), records older than the lateness horizon or too far ahead are
 * rejected. Every push notes the five-minute buckets it staged into ({@link PendingBucketStore}) in its transaction, so
 * rows arriving after their bucket was aggregated are folded in by the scheduler.
 */
// JDBC: bulk writes: a push is one transaction under the tenant's advisory lock, through etl/write (db/package-info).
public final class TelemetryIngestor {

    /**
     * What one push did: records kept, records refused with where, rows staged, and log records whose message was cut
     * ({@link LogMessageLimits}).
     */
    public record Summary(long accepted, List<ParseReject> rejects, long staged, long truncated) {
    }

    /**
     * Work a caller adds to a push's transaction, committed with its rows or not at all: a Kafka consumer's offset, so a
     * message is staged exactly once. A push that keeps no record opens no transaction and runs no hook.
     */
    @FunctionalInterface
    public interface TransactionHook {
        TransactionHook NONE = connection -> { };

        void run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final ResourceResolver resources;
    private final LogPatternWriter patterns = new LogPatternWriter();
    private final StagedTelemetryWriter staged = new StagedTelemetryWriter();
    private final PushedSeriesWriter pushed = new PushedSeriesWriter();
    private final LogPatternGeneraliser generaliser = new LogPatternGeneraliser();
    private final Map<Long, TenantMiner> miners = new ConcurrentHashMap<>();
    private final PendingBucketStore pending = new PendingBucketStore();
    private final Optional<LatenessBounds> bounds;

    /**
     * A tenant's Drain tree, kept across pushes, and the revision of the tenant's templates it matches; null until
     * restored from the tenant's stored templates (on the first push after a start, or after a push that failed to
     * store what it mined). Guarded by the holder.
     */
    private static final class TenantMiner {
        private DrainTemplateMiner miner;
        private long revision;
    }

    /** Takes records of any time: files of history loaded with {@code rootscope ingest}. */
    public TelemetryIngestor(DataSource dataSource, ResourceResolver resources) {
        this(dataSource, resources, Optional.empty());
    }

    public TelemetryIngestor(DataSource dataSource, ResourceResolver resources, Optional<LatenessBounds> bounds) {
        this.dataSource = dataSource;
        this.resources = resources;
        this.bounds = bounds;
    }

    /** OTLP/JSON {@code ExportTraceServiceRequest}. */
    public Summary ingestTraces(long tenantId, InputStream json) throws IOException, SQLException {
        return ingestTraces(tenantId, json, OtlpEncoding.JSON);
    }

    /** An OTLP {@code ExportTraceServiceRequest} in {@code encoding}. */
    public Summary ingestTraces(long tenantId, InputStream body, OtlpEncoding encoding) throws IOException, SQLException {
        return stageSpans(tenantId, new OtlpTraceParser().parse(body, encoding));
    }

    /** An OTLP {@code ExportTraceServiceRequest} already decoded (OTLP/gRPC). */
    public Summary ingestTraces(long tenantId, ExportTraceServiceRequest request) throws SQLException {
        return stageSpans(tenantId, new OtlpTraceParser().parse(request));
    }

    /**
     * Stages parsed spans, whatever their source: each span into {@code trace_span} (a span stored before is skipped)
     * and each service-to-service call into {@code span_call}, in one transaction. {@link Summary#staged} counts calls.
     */
    public Summary stageSpans(long tenantId, ParseResult<ParsedSpan> parsed) throws SQLException {
        return stageSpans(tenantId, parsed, TransactionHook.NONE);
    }

    /** {@link #stageSpans(long, ParseResult)} with {@code hook} run in its transaction. */
    public Summary stageSpans(long tenantId, ParseResult<ParsedSpan> parsed, TransactionHook hook) throws SQLException {
        List<ParseReject> rejects = new ArrayList<>(parsed.rejects());
        ServiceUrns urns = new ServiceUrns();
        List<ParsedSpan> spans = inBounds(parsed.accepted(), ParsedSpan::startUnixNano,
                s -> "span " + s.spanId() + " of " + s.service().name(), rejects).stream()
                .filter(s -> urnOf(urns, s.service(), () -> "span " + s.spanId() + " of " + s.service().name(), rejects) != null)
                .toList();
        List<ServiceCall> calls = new ArrayList<>();
        for (ServiceCall call : new ServiceCallExtractor().extract(spans).calls()) {
            if (urnOf(urns, call.caller(), () -> "call from " + call.caller().name(), rejects) != null
                    && urnOf(urns, call.callee(), () -> "call to " + call.callee().name(), rejects) != null) {
                calls.add(call);
            }
        }
        List<ServiceRef> services = new ArrayList<>(spans.stream().map(ParsedSpan::service).toList());
        calls.forEach(c -> services.addAll(List.of(c.caller(), c.callee())));
        // The peer each span names (a database sends no spans of its own), aligned with the spans; null where none.
        List<ServiceRef> peers = spans.stream().map(s -> s.peer().filter(p -> nameable(urns, p)).orElse(null)).toList();
        peers.stream().filter(Objects::nonNull).forEach(services::add);
        Map<String, Long> ids = resolve(tenantId, services, urns);
        List<StagedTelemetryWriter.CallRow> callRows = calls.stream().map(c -> new StagedTelemetryWriter.CallRow(instant(c.startUnixNano()),
                ids.get(urns.formatted(c.caller())), ids.get(urns.formatted(c.callee())), c.durationNanos() / 1e6, c.error())).toList();
        List<StagedTelemetryWriter.SpanRow> spanRows = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            ParsedSpan s = spans.get(i);
            ServiceRef peer = peers.get(i);
            spanRows.add(new StagedTelemetryWriter.SpanRow(instant(s.startUnixNano()), ids.get(urns.formatted(s.service())), s.traceId(),
                    s.spanId(), s.parentSpanId(), s.name(), Math.max(0, s.durationNanos()) / 1000, s.error(),
                    peer == null ? null : ids.get(urns.formatted(peer))));
        }
        return inTransaction(connection -> {
            // The notes first, before this push locks any table (see stageLogs).
            pending.note(connection, tenantId, "span_call", callRows.stream().map(StagedTelemetryWriter.CallRow::ts).toList());
            long stagedCalls = staged.insertCalls(connection, tenantId, callRows);
            staged.insertSpans(connection, tenantId, spanRows);
            hook.run(connection);
            return new Summary(spans.size(), rejects, stagedCalls, 0);
        });
    }

    /** An OTLP {@code ExportMetricsServiceRequest} in {@code encoding}, as series in Prometheus's data model. */
    public Summary ingestMetrics(long tenantId, InputStream body, OtlpEncoding encoding) throws IOException, SQLException {
        return stageSeries(tenantId, new OtlpMetricParser().parse(body, encoding));
    }

    /** An OTLP {@code ExportMetricsServiceRequest} decoded already (gRPC). */
    public Summary ingestMetrics(long tenantId, ExportMetricsServiceRequest request) throws SQLException {
        return stageSeries(tenantId, new OtlpMetricParser().parse(request));
    }

    /**
     * Stages pushed series, whatever protocol brought them: each sample into {@code pushed_sample}, once per series and
     * time, noting its five-minute bucket so that a late sample's derived metrics are computed again.
     * {@link Summary#staged} counts the samples new to the table.
     */
    public Summary stageSeries(long tenantId, ParseResult<PushedSeries> parsed) throws SQLException {
        List<ParseReject> rejects = new ArrayList<>(parsed.rejects());
        List<PushedSeries> series = new ArrayList<>(parsed.accepted().size());
        Set<Instant> buckets = new TreeSet<>();
        long accepted = 0;
        for (PushedSeries s : parsed.accepted()) {
            List<PushedSample> timely = inBounds(s.samples(), PushedSample::timeUnixNano, sample -> "sample of " + s.name(), rejects);
            if (!timely.isEmpty()) {
                series.add(timely.size() == s.samples().size() ? s : new PushedSeries(s.name(), s.labels(), timely));
                accepted += timely.size();
                Instant last = null;
                for (PushedSample sample : timely) {
                    Instant bucket = fiveMinuteBucket(sample.timeUnixNano());
                    if (!bucket.equals(last)) {
                        buckets.add(bucket);
                        last = bucket;
                    }
                }
            }
        }
        if (series.isEmpty()) {
            return new Summary(0, rejects, 0, 0);
        }
        PushedSeriesWriter.Written written = inTransaction(connection -> {
            PushedSeriesWriter.Written samples = pushed.write(connection, tenantId, series);
            // The notes last: a note row-locks its bucket until the commit, and every push of a round of scrapes
            // notes the same bucket, so noted first they would queue the pushes behind each other's COPY.
            pending.note(connection, tenantId, "pushed_sample", List.copyOf(buckets));
            return samples;
        });
        pushed.committed(written);
        return new Summary(accepted, rejects, written.inserted(), 0);
    }

    private static Instant fiveMinuteBucket(long unixNano) {
        long seconds = Math.floorDiv(unixNano, 1_000_000_000L);
        return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, 300));
    }

    /** Work on one connection in one transaction: committed when it returns, rolled back when it throws. */
    private interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(TransactionWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                // A connection lost mid-push fails its rollback too: the push's own failure (database unavailable) is
                // what the client must hear. The pool resets auto-commit when the connection returns.
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    /** Whether a service's name can be a Kubernetes service's: a peer that cannot is left out, its span kept. */
    private static boolean nameable(ServiceUrns urns, ServiceRef service) {
        try {
            urns.urn(service);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** OTLP/JSON {@code ExportLogsServiceRequest}. */
    public Summary ingestLogs(long tenantId, InputStream json) throws IOException, SQLException {
        return ingestLogs(tenantId, json, OtlpEncoding.JSON);
    }

    /** An OTLP {@code ExportLogsServiceRequest} in {@code encoding}. */
    public Summary ingestLogs(long tenantId, InputStream body, OtlpEncoding encoding) throws IOException, SQLException {
        return stageLogs(tenantId, new OtlpLogParser().parse(body, encoding));
    }

    /** An OTLP {@code ExportLogsServiceRequest} already decoded (OTLP/gRPC). */
    public Summary ingestLogs(long tenantId, ExportLogsServiceRequest request) throws SQLException {
        return stageLogs(tenantId, new OtlpLogParser().parse(request));
    }

    /**
     * Plain text lines {@code <RFC 3339 time> <service> <message>}, or {@code <RFC 3339 time> <message>} when
     * {@code service} names the service of every line.
     */
    public Summary ingestTextLogs(long tenantId, Reader lines, Optional<ServiceRef> service) throws IOException, SQLException {
        PlainTextLogParser parser = new PlainTextLogParser();
        return stageLogs(tenantId, service.isPresent() ? parser.parse(lines, service.get()) : parser.parse(lines));
    }

    /** Stages parsed log records, whatever their source: mined into templates, one {@code log_event} per record. */
    public Summary stageLogs(long tenantId, ParseResult<ParsedLogRecord> parsed) throws SQLException {
        return stageLogs(tenantId, parsed, TransactionHook.NONE);
    }

    /** {@link #stageLogs(long, ParseResult)} with {@code hook} run in its transaction (none when no record is kept). */
    public Summary stageLogs(long tenantId, ParseResult<ParsedLogRecord> parsed, TransactionHook hook) throws SQLException {
        List<ParseReject> rejects = new ArrayList<>(parsed.rejects());
        ServiceUrns urns = new ServiceUrns();
        List<ParsedLogRecord> timely = inBounds(parsed.accepted(), ParsedLogRecord::timeUnixNano,
                r -> "log of " + r.service().name(), rejects);
        List<ParsedLogRecord> records = timely.stream()
                .filter(r -> urnOf(urns, r.service(), () -> "log of " + r.service().name(), rejects) != null).toList();
        if (records.isEmpty()) {
            return new Summary(0, rejects, 0, 0);
        }
        Map<String, Long> ids = resolve(tenantId, records.stream().map(ParsedLogRecord::service).toList(), urns);
        long truncated = records.stream().filter(r -> LogMessageLimits.cut(r.body())).count();
        List<LogEntry> entries = records.stream().map(r -> new LogEntry(LogMessageLimits.mined(r.body()), r.severity())).toList();
        TenantMiner tenant = miners.computeIfAbsent(tenantId, t -> new TenantMiner());
        // From mining to commit one push of a tenant at a time: the generalisations of a push refer to the
        // templates the previous push stored.
        synchronized (tenant) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                patterns.lockTenant(connection, tenantId);
                // The notes first: a window run takes them before it writes its aggregates, and writing one that opens a
                // new chunk locks log_pattern (the chunk's foreign key) against this push's template writes. Noting after
                // those writes deadlocked the two; noted first (in bucket order, as runs take them), a push waits.
                pending.note(connection, tenantId, "log_event", records.stream().map(r -> instant(r.timeUnixNano())).toList());
                List<TemplateGeneralisation> generalisations = new ArrayList<>();
                if (tenant.miner == null || tenant.revision != patterns.revision(connection, tenantId)) {
                    tenant.miner = new DrainTemplateMiner();
                    generalisations.addAll(tenant.miner.restore(patterns.storedTemplates(connection, tenantId)));
                }
                LogTemplateBatch batch = tenant.miner.mine(entries);
                generalisations.addAll(batch.generalisations());
                generaliser.apply(connection, tenantId, generalisations);
                patterns.upsertTemplates(connection, tenantId, templateRows(records, batch));
                long staged = this.staged.insertLogEvents(connection, tenantId, events(records, ids, urns, batch));
                long revision = patterns.revision(connection, tenantId);
                hook.run(connection);
                connection.commit();
                tenant.revision = revision;
                // Accepted: the records kept, not those parsed and then refused for their time or their service's name.
                return new Summary(records.size(), rejects, staged, truncated);
            } catch (Throwable e) {
                // The tree may be ahead of what was stored: rebuild it from log_pattern on the next push.
                tenant.miner = null;
                throw e;
            }
        }
    }

    private static List<LogTemplateRow> templateRows(List<ParsedLogRecord> records, LogTemplateBatch batch) {
        Map<String, LogTemplateRow> templates = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            MinedLogLine line = batch.lines().get(i);
            Instant at = instant(records.get(i).timeUnixNano());
            templates.merge(line.template().fingerprintHex(), new LogTemplateRow(line.template().fingerprintHex(), line.template().text(),
                    LogMessageLimits.stored(records.get(i).body()), severity(line.severity()), at, at), TelemetryIngestor::widen);
        }
        return List.copyOf(templates.values());
    }

    private static List<StagedTelemetryWriter.LogEventRow> events(List<ParsedLogRecord> records, Map<String, Long> ids,
                                                                  ServiceUrns urns, LogTemplateBatch batch) {
        List<StagedTelemetryWriter.LogEventRow> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            MinedLogLine line = batch.lines().get(i);
            events.add(new StagedTelemetryWriter.LogEventRow(instant(records.get(i).timeUnixNano()), ids.get(urns.formatted(records.get(i).service())),
                    line.template().fingerprintHex(), line.severity().isError()));
        }
        return events;
    }

    private Map<String, Long> resolve(long tenantId, List<ServiceRef> services, ServiceUrns urns) throws SQLException {
        Map<String, ObservedResource> distinct = new HashMap<>();
        for (ServiceRef service : services) {
            distinct.computeIfAbsent(urns.formatted(service), urn -> ObservedResource.service(urns.urn(service)));
        }
        return resources.resolveAll(tenantId, distinct.values());
    }

    /** The records whose time the bounds allow; the others are rejected at {@code location} and the time. */
    private <T> List<T> inBounds(List<T> records, ToLongFunction<T> unixNano, Function<T, String> location, List<ParseReject> rejects) {
        if (bounds.isEmpty()) {
            return records;
        }
        List<T> kept = new ArrayList<>(records.size());
        for (T record : records) {
            String problem = bounds.get().problem(unixNano.applyAsLong(record));
            if (problem == null) {
                kept.add(record);
            } else {
                rejects.add(new ParseReject(location.apply(record) + " at " + instant(unixNano.applyAsLong(record)), problem));
            }
        }
        return kept;
    }

    /** The service's URN, or null after rejecting the record: a name that cannot be a Kubernetes service. */
    private static String urnOf(ServiceUrns urns, ServiceRef service, Supplier<String> location, List<ParseReject> rejects) {
        try {
            return urns.formatted(service);
        } catch (IllegalArgumentException e) {
            rejects.add(new ParseReject(location.get(), e.getMessage()));
            return null;
        }
    }

    private static LogTemplateRow widen(LogTemplateRow a, LogTemplateRow b) {
        return new LogTemplateRow(a.fingerprint(), a.pattern(), a.sampleMessage(), a.severity(),
                a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
                a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen());
    }

    /** A line with no level in its record or text is stored as INFO, as log viewers show it. */
    private static String severity(LogSeverity severity) {
        return severity == LogSeverity.UNSPECIFIED ? LogSeverity.INFO.name() : severity.name();
    }

    private static Instant instant(long unixNano) {
        return Instant.ofEpochSecond(0, unixNano);
    }
}
