package io.rootscope.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.ingest.prompb.RemoteWrite;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * {@code POST /api/v1/write} as the remote write 1.0 specification asks: 204 when all is stored (a retry stores nothing
 * twice), 400 naming the bad series with the count kept, stale markers skipped, 415 for another type or encoding, 413
 * for a body whose uncompressed size passes the limit, 400 for a body that is not snappy or not a WriteRequest.
 */
class RemoteWriteEndpointTest {

    private static final int LIMIT = 256 * 1024;
    private static TestBackend backend;
    private static DataSource db;
    private static TestTenant tenant;
    private static long tenantId;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase database = TestDatabase.shared();
        db = database.dataSource();
        tenant = TestTenant.create(db, "rw");
        tenantId = tenant.id();
        backend = new TestBackend(database, database.backendConfig(Map.of(ConfigKey.HTTP_MAX_BODY_BYTES.key(), String.valueOf(LIMIT))));
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void storesEverySampleOnceAndAnswers204() throws Exception {
        long now = Instant.now().toEpochMilli() / 1000 * 1000;
        RemoteWrite.WriteRequest request = RemoteWrite.WriteRequest.newBuilder()
                .addTimeseries(series("rw_requests_total", new String[] {"instance", "a:80", "job", "carts"}, now - 30_000, 10, now - 15_000, 12))
                .addTimeseries(series("rw_requests_total", new String[] {"instance", "b:80", "job", "carts"}, now - 30_000, 3)).build();

        HttpResponse<byte[]> first = post(RequestBody.PROTOBUF, "snappy", Snappy.compress(request.toByteArray()));
        HttpResponse<byte[]> retried = post(RequestBody.PROTOBUF, "snappy", Snappy.compress(request.toByteArray()));

        assertEquals(204, first.statusCode(), new String(first.body(), StandardCharsets.UTF_8));
        assertEquals(204, retried.statusCode());
        assertEquals("a:80 " + (now - 30_000) + " 10, a:80 " + (now - 15_000) + " 12, b:80 " + (now - 30_000) + " 3", Rows.single(db, """
                SELECT string_agg((s.labels ->> 'instance') || ' ' || (extract(epoch FROM p.ts) * 1000)::bigint || ' ' || p.value,
                                  ', ' ORDER BY s.labels ->> 'instance', p.ts)
                  FROM pushed_sample p JOIN pushed_series s USING (series_id)
                 WHERE p.tenant_id = %d AND s.name = 'rw_requests_total'""".formatted(tenantId)));
        assertEquals("{\"job\": \"carts\", \"instance\": \"a:80\"}", Rows.single(db,
                "SELECT labels::text FROM pushed_series WHERE tenant_id = " + tenantId + " AND labels ->> 'instance' = 'a:80'"),
                "the name is the series' name, not a label");
    }

    @Test
    void aBadSeriesIs400WithTheCountKeptAndStaleMarkersAreSkipped() throws Exception {
        long now = Instant.now().toEpochMilli();
        RemoteWrite.WriteRequest request = RemoteWrite.WriteRequest.newBuilder()
                .addTimeseries(series("rw_good", new String[] {"job", "x"}, now - 2_000, 1, now - 1_000, Double.longBitsToDouble(0x7ff0000000000002L)))
                .addTimeseries(series(null, new String[] {"job", "x"}, now, 1))
                .addTimeseries(series("rw_unsorted", new String[] {"job", "x", "instance", "y"}, now, 1))
                .addTimeseries(series("rw_repeated", new String[] {"job", "x", "job", "y"}, now, 1)).build();

        HttpResponse<byte[]> answer = post(RequestBody.PROTOBUF, "snappy", Snappy.compress(request.toByteArray()));

        assertEquals(400, answer.statusCode());
        JsonNode error = Json.MAPPER.readTree(answer.body());
        assertEquals("timeseries[1].labels", error.path("field").asText());
        assertTrue(error.path("error").asText().contains("no __name__ label (3 rejected in all; 1 samples kept, 1 non-finite skipped)"), error.toString());
        assertEquals("rw_good 1", Rows.single(db, """
                SELECT string_agg(s.name || ' ' || p.value, ', ') FROM pushed_sample p JOIN pushed_series s USING (series_id)
                 WHERE p.tenant_id = %d AND s.name LIKE 'rw\\_%%' AND s.name <> 'rw_requests_total'""".formatted(tenantId)));
    }

    @Test
    void anotherTypeOrEncodingIs415() throws Exception {
        byte[] body = Snappy.compress(RemoteWrite.WriteRequest.getDefaultInstance().toByteArray());
        assertEquals(415, post("application/json", "snappy", body).statusCode());
        HttpResponse<byte[]> gzip = post(RequestBody.PROTOBUF, "gzip", body);
        assertEquals(415, gzip.statusCode());
        assertTrue(new String(gzip.body(), StandardCharsets.UTF_8).contains("Content-Encoding must be snappy"));
    }

    @Test
    void aBodyUncompressingPastTheLimitIs413() throws Exception {
        byte[] bomb = Snappy.compress(new byte[LIMIT * 4]);
        assertTrue(bomb.length < LIMIT, "a small body: " + bomb.length);
        HttpResponse<byte[]> answer = post(RequestBody.PROTOBUF, "snappy", bomb);
        assertEquals(413, answer.statusCode());
        assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains("ROOTSCOPE_HTTP_MAX_BODY_BYTES"));
    }

    @Test
    void aBodyThatIsNotSnappyOrNotAWriteRequestIs400() throws Exception {
        HttpResponse<byte[]> notSnappy = post(RequestBody.PROTOBUF, "snappy", "not snappy at all".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notSnappy.statusCode());
        assertTrue(new String(notSnappy.body(), StandardCharsets.UTF_8).contains("not snappy"));
        byte[] whole = RemoteWrite.WriteRequest.newBuilder().addTimeseries(series("rw_cut", new String[] {}, 1, 1)).build().toByteArray();
        HttpResponse<byte[]> cut = post(RequestBody.PROTOBUF, "snappy", Snappy.compress(Arrays.copyOf(whole, whole.length - 3)));
        assertEquals(400, cut.statusCode());
        assertEquals("body", Json.MAPPER.readTree(cut.body()).path("field").asText());
    }

    /** A series named {@code name} (none when null) with the labels in the order given and (time, value) pairs. */
    static RemoteWrite.TimeSeries series(String name, String[] labels, double... timesAndValues) {
        RemoteWrite.TimeSeries.Builder series = RemoteWrite.TimeSeries.newBuilder();
        if (name != null) {
            series.addLabels(RemoteWrite.Label.newBuilder().setName("__name__").setValue(name));
        }
        for (int i = 0; i < labels.length; i += 2) {
            series.addLabels(RemoteWrite.Label.newBuilder().setName(labels[i]).setValue(labels[i + 1]));
        }
        for (int i = 0; i < timesAndValues.length; i += 2) {
            series.addSamples(RemoteWrite.Sample.newBuilder().setTimestamp((long) timesAndValues[i]).setValue(timesAndValues[i + 1]));
        }
        return series.build();
    }

    private static HttpResponse<byte[]> post(String contentType, String encoding, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.url() + "/api/v1/write"))
                .header("Content-Type", contentType).header("Content-Encoding", encoding)
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .header(TenantResolver.HEADER, tenant.code()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
