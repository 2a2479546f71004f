package io.rootscope.backend.query;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Links into the provisioned dashboards (uids as in dashboards/), relative to Grafana's root so they work
 * behind any Grafana URL. The time range is padded so the incident's onset and recovery are both in view.
 */
public final class WorkbenchLinks {

    public static final String RCA_WORKBENCH_UID = "rootscope-rca";
    public static final Duration PADDING = Duration.ofMinutes(15);

    private WorkbenchLinks() {
    }

    public static String incident(UUID eventId, Instant startedAt, Instant endedAt) {
        Instant to = (endedAt == null ? Instant.now() : endedAt).plus(PADDING);
        return "/d/" + RCA_WORKBENCH_UID + "?var-incident=" + eventId
                + "&from=" + startedAt.minus(PADDING).toEpochMilli() + "&to=" + to.toEpochMilli();
    }

    /** A layer dashboard focused on one resource. */
    public static String dashboard(String uid, String variable, String value) {
        return "/d/" + uid + "?var-" + variable + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The uid of the provisioned PostgreSQL data source (provisioning/datasources, the read-only role). */
    public static final String POSTGRES_DATASOURCE_UID = "rootscope-postgres";

    /** Grafana Explore running {@code query} on the Prometheus data source over the window. */
    public static String explorePrometheus(String query, Instant from, Instant to) {
        return explore("prometheus", "\"expr\":" + jsonString(query), from, to);
    }

    /** Grafana Explore running the SQL {@code query} as a table on the provisioned PostgreSQL data source over the window. */
    public static String explorePostgres(String query, Instant from, Instant to) {
        return explore(POSTGRES_DATASOURCE_UID, "\"rawSql\":" + jsonString(query) + ",\"format\":\"table\",\"rawQuery\":true,\"editorMode\":\"code\"",
                from, to);
    }

    /** A runbook passage ({@code kb_chunk}) in Explore, on the SQL data source. */
    public static String runbookPassage(long chunkId, Instant from, Instant to) {
        return explorePostgres("SELECT d.title, c.section, c.content FROM rootscope.kb_chunk c JOIN rootscope.kb_doc d ON d.doc_id = c.doc_id"
                + " WHERE c.chunk_id = " + chunkId, from, to);
    }

    private static String explore(String datasource, String query, Instant from, Instant to) {
        String pane = "{\"datasource\":\"" + datasource + "\",\"queries\":[{\"refId\":\"A\"," + query
                + "}],\"range\":{\"from\":\"" + from.toEpochMilli() + "\",\"to\":\"" + to.toEpochMilli() + "\"}}";
        return "/explore?schemaVersion=1&panes=" + URLEncoder.encode("{\"rs\":" + pane + "}", StandardCharsets.UTF_8);
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
