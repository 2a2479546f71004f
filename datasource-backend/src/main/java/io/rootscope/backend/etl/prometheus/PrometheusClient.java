package io.rootscope.backend.etl.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.backend.etl.runtime.SourceUnavailableException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of Prometheus' HTTP API {@code /api/v1/query_range}. Everything that keeps an answer from arriving —
 * connection refused, timeout, an HTTP error, {@code "status": "error"}, a body that is not a matrix — is a
 * {@link SourceUnavailableException}, which the ETL counts against the source's circuit breaker.
 */
public final class PrometheusClient {

    public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    public PrometheusClient(URI baseUrl) {
        this(baseUrl, TIMEOUT_DEFAULT);
    }

    public PrometheusClient(URI baseUrl, Duration timeout) {
        if (baseUrl == null || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("url must be an http(s) URL, got " + baseUrl);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Evaluates {@code promql} at {@code start}, {@code start + step}, ... up to {@code end} inclusive. */
    public List<PromSeries> queryRange(String promql, Instant start, Instant end, Duration step) throws SourceUnavailableException {
        String query = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + seconds(start) + "&end=" + seconds(end) + "&step=" + seconds(step.toMillis());
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("api/v1/query_range?" + query))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SourceUnavailableException("prometheus " + baseUrl + " timed out after " + timeout, e);
        } catch (IOException e) {
            throw new SourceUnavailableException("prometheus " + baseUrl + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while querying prometheus " + baseUrl, e);
        }
        return parse(response);
    }

    private List<PromSeries> parse(HttpResponse<String> response) throws SourceUnavailableException {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SourceUnavailableException("prometheus " + baseUrl + " answered HTTP " + response.statusCode()
                    + " with a body that is not JSON: " + abbreviate(response.body()));
        }
        if (!"success".equals(body.path("status").asText()) || response.statusCode() / 100 != 2) {
            throw new SourceUnavailableException("prometheus " + baseUrl + " answered HTTP " + response.statusCode() + ", "
                    + body.path("errorType").asText("no errorType") + ": " + body.path("error").asText(abbreviate(response.body())));
        }
        JsonNode data = body.path("data");
        if (!"matrix".equals(data.path("resultType").asText())) {
            throw new SourceUnavailableException("prometheus " + baseUrl + " answered resultType '"
                    + data.path("resultType").asText() + "' where a range query gives 'matrix'");
        }
        List<PromSeries> series = new ArrayList<>();
        for (JsonNode result : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            result.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            List<PromPoint> points = new ArrayList<>();
            for (JsonNode pair : result.path("values")) {
                long millis = Math.round(pair.get(0).asDouble() * 1000);
                points.add(new PromPoint(Instant.ofEpochMilli(millis), value(pair.get(1).asText())));
            }
            series.add(new PromSeries(labels, points));
        }
        return series;
    }

    /** Prometheus writes sample values as strings, with NaN and ±Inf spelled its own way. */
    private static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String seconds(Instant t) {
        return seconds(t.toEpochMilli());
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
