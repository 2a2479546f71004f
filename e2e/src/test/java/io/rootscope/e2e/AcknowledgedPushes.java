package io.rootscope.e2e;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.rootscope.backend.http.TenantResolver;
import io.rootscope.backend.ingest.prompb.RemoteWrite;
import io.rootscope.backend.testing.CollectorMessages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.xerial.snappy.Snappy;

/**
 * Telemetry of one tenant pushed to backends as clients push it: OTLP/HTTP protobuf traces and logs and Prometheus
 * remote write, every request at a time of its own (a millisecond no other request has), so the stored rows of each
 * request can be counted apart. It remembers what each request held and whether it was acknowledged; {@link #check}
 * then compares the stored rows with that, request by request.
 */
final class AcknowledgedPushes {

    /** The tables a request's rows go to. */
    enum Kind {
        SPANS("trace_span"), LOGS("log_event"), SAMPLES("pushed_sample");

        final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    /** What one request held: {@code rows} rows of one kind at one time; acknowledged when its answer said so. */
    record Sent(Kind kind, Instant at, int rows, boolean acknowledged) {
    }

    static final String NAMESPACE = "proof";
    private static final String REMOTE_WRITE_VERSION = "0.1.0";

    private final String tenant;
    private final int perRequest;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong lastMillis = new AtomicLong();
    private final Map<Instant, Sent> sent = new ConcurrentHashMap<>();
    private final List<String> refusals = new ArrayList<>();

    /** @param perRequest calls (two spans each), log records or samples in a request */
    AcknowledgedPushes(String tenant, int perRequest) {
        this.tenant = tenant;
        this.perRequest = perRequest;
    }

    /** One request of each kind to the backend at {@code url}. */
    void pushRound(String url) throws InterruptedException {
        Instant spansAt = nextInstant();
        send(new Sent(Kind.SPANS, spansAt, 2 * perRequest, false), url + "/v1/traces", "application/x-protobuf", null,
                CollectorMessages.calls(NAMESPACE, "shop", "stock", spansAt, perRequest));
        Instant logsAt = nextInstant();
        send(new Sent(Kind.LOGS, logsAt, perRequest, false), url + "/v1/logs", "application/x-protobuf", null,
                CollectorMessages.logs(NAMESPACE, "shop", logsAt, perRequest));
        Instant samplesAt = nextInstant();
        send(new Sent(Kind.SAMPLES, samplesAt, perRequest, false), url + "/api/v1/write", "application/x-protobuf", "snappy",
                remoteWrite(samplesAt));
    }

    /** A time after every earlier one, in whole milliseconds. */
    private Instant nextInstant() {
        long now = System.currentTimeMillis();
        return Instant.ofEpochMilli(lastMillis.updateAndGet(last -> Math.max(last + 1, now)));
    }

    /** {@code perRequest} series of one sample each at {@code at}. */
    private byte[] remoteWrite(Instant at) {
        RemoteWrite.WriteRequest.Builder request = RemoteWrite.WriteRequest.newBuilder();
        for (int i = 0; i < perRequest; i++) {
            request.addTimeseries(RemoteWrite.TimeSeries.newBuilder()
                    .addLabels(label("__name__", "proof_requests_total"))
                    .addLabels(label("instance", "10.1.0." + i + ":9090"))
                    .addLabels(label("job", NAMESPACE))
                    .addSamples(RemoteWrite.Sample.newBuilder().setTimestamp(at.toEpochMilli()).setValue(i)));
        }
        try {
            return Snappy.compress(request.build().toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("snappy: " + e.getMessage(), e);
        }
    }

    private static RemoteWrite.Label label(String name, String value) {
        return RemoteWrite.Label.newBuilder().setName(name).setValue(value).build();
    }

    private void send(Sent request, String url, String contentType, String encoding, byte[] body) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).header(TenantResolver.HEADER, tenant)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            builder.header("Content-Encoding", encoding).header("X-Prometheus-Remote-Write-Version", REMOTE_WRITE_VERSION);
        }
        boolean acknowledged = false;
        try {
            HttpResponse<byte[]> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            acknowledged = acknowledges(request.kind(), answer);
            if (!acknowledged) {
                refused(request.kind() + " to " + url + ": " + answer.statusCode() + " " + new String(answer.body()));
            }
        } catch (IOException lost) {
            // No answer (the backend was killed): the request may or may not have been stored, never in part.
        }
        sent.put(request.at(), new Sent(request.kind(), request.at(), request.rows(), acknowledged));
    }

    /** Whether the answer acknowledges every row: 204 for remote write, 200 without rejections for OTLP. */
    private static boolean acknowledges(Kind kind, HttpResponse<byte[]> answer) throws IOException {
        return switch (kind) {
            case SAMPLES -> answer.statusCode() == 204;
            case SPANS -> answer.statusCode() == 200 && ExportTraceServiceResponse.parseFrom(answer.body()).getPartialSuccess().getRejectedSpans() == 0;
            case LOGS -> answer.statusCode() == 200 && ExportLogsServiceResponse.parseFrom(answer.body()).getPartialSuccess().getRejectedLogRecords() == 0;
        };
    }

    private synchronized void refused(String what) {
        refusals.add(what);
    }

    /** Answers that were neither a success nor a lost connection: a backend refused rows. */
    synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Rows acknowledged, per kind. */
    Map<Kind, Long> acknowledged() {
        Map<Kind, Long> rows = new HashMap<>();
        sent.values().stream().filter(Sent::acknowledged).forEach(s -> rows.merge(s.kind(), (long) s.rows(), Long::sum));
        return rows;
    }

    /** Requests sent, of which not acknowledged. */
    long requests() {
        return sent.size();
    }

    long unanswered() {
        return sent.values().stream().filter(s -> !s.acknowledged()).count();
    }

    /**
     * Every difference between what was sent and what {@code db} stores for the tenant: an acknowledged request whose
     * rows are not all there exactly once, an unanswered one stored in part or more than once, rows at a time no request
     * had. Empty when nothing acknowledged was lost and nothing was stored twice.
     */
    List<String> check(DataSource db, long tenantId) throws SQLException {
        List<String> differences = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Map<Instant, Long> stored = storedByTime(db, kind, tenantId);
            for (Sent request : sent.values()) {
                if (request.kind() != kind) {
                    continue;
                }
                long rows = stored.getOrDefault(request.at(), 0L);
                boolean right = request.acknowledged() ? rows == request.rows() : rows == 0 || rows == request.rows();
                if (!right) {
                    differences.add(kind + " at " + request.at() + ": " + rows + " rows stored of " + request.rows()
                            + (request.acknowledged() ? " acknowledged" : " unanswered"));
                }
            }
            stored.keySet().stream().filter(at -> !sent.containsKey(at) || sent.get(at).kind() != kind)
                    .forEach(at -> differences.add(kind + ": " + stored.get(at) + " rows at " + at + ", when no request was"));
        }
        return differences;
    }

    /** Stored rows of one kind per time, at the millisecond every request's rows share. */
    static Map<Instant, Long> storedByTime(DataSource db, Kind kind, long tenantId) throws SQLException {
        Map<Instant, Long> rows = new HashMap<>();
        try (Connection connection = db.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT date_trunc('milliseconds', ts), count(*) FROM "
                     + kind.table + " WHERE tenant_id = ? GROUP BY 1")) {
            statement.setLong(1, tenantId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getTimestamp(1).toInstant(), result.getLong(2));
                }
            }
        }
        return rows;
    }

    /** Rows of one kind the tenant has in {@code db}. */
    static long stored(DataSource db, Kind kind, long tenantId) throws SQLException {
        try (Connection connection = db.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + kind.table + " WHERE tenant_id = ?")) {
            statement.setLong(1, tenantId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
