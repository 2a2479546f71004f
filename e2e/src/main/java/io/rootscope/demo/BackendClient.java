package io.rootscope.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Asks the backend what a Grafana panel would, through its JSON data-source protocol ({@code POST /query}). */
public final class BackendClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String tenant;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public BackendClient(String url, String tenant) {
        this.url = URI.create(url.endsWith("/") ? url : url + "/");
        this.tenant = tenant;
    }

    /** The frames answering one query of kind {@code kind} over [from, to]. */
    public List<Frame> query(String kind, Map<String, ?> payload, Instant from, Instant to)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("range").put("from", from.toString()).put("to", to.toString());
        ObjectNode target = body.putArray("targets").addObject();
        target.put("refId", "A").put("target", kind);
        target.set("payload", JSON.valueToTree(payload));
        HttpRequest request = HttpRequest.newBuilder(url.resolve("query"))
                .header("Content-Type", "application/json")
                .header("X-Rootscope-Tenant", tenant)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closedWhileIdle) {
            // The server may close a kept-alive connection just as it is reused; a query is safe to send again.
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 200) {
            throw new IOException("query " + kind + " answered " + response.statusCode() + ": " + response.body());
        }
        List<Frame> frames = new ArrayList<>();
        JSON.readTree(response.body()).forEach(frame -> frames.add(new Frame(frame)));
        return frames;
    }

    public Frame first(String kind, Map<String, ?> payload, Instant from, Instant to) throws IOException, InterruptedException {
        List<Frame> frames = query(kind, payload, from, to);
        if (frames.isEmpty()) {
            throw new IOException("query " + kind + " answered no frame");
        }
        return frames.get(0);
    }

    public URI url() {
        return url;
    }

    /** Parses JSON found in answers, such as the panes of an Explore link. */
    public static JsonNode parseJson(String json) throws IOException {
        return JSON.readTree(json);
    }
}
