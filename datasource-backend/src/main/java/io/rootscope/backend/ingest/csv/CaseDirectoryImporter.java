package io.rootscope.backend.ingest.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.write.MetricMinuteRollup;
import io.rootscope.backend.etl.write.MetricSampleRow;
import io.rootscope.backend.etl.write.MetricSampleWriter;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.ingest.TelemetryIngestor;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Imports a case directory of the datasets format ({@code case.json}, {@code normal.csv}, {@code anomalous.csv})
 * into {@code dim_resource}, {@code metric_sample} and {@code metric_1m} of a tenant, so that a benchmark case
 * can be diagnosed through the database; its optional logs and spans go through the production ingest
 * ({@link CaseTelemetryImporter}). Services become {@code urn:k8s:svc:<system>/<service>}; samples keep
 * their files' times, except that when the normal block overlaps the anomalous one or ends more than
 * {@link #CONTIGUOUS_GAP_INTERVALS} sampling intervals before it (the two come from separate runs), the normal
 * block is shifted to end one interval before the anomalous one starts. Re-importing changes nothing.
 */
// JDBC: bulk writes: a case's samples (COPY) and their rollups in one transaction (db/package-info).
public final class CaseDirectoryImporter {

    public static final int CONTIGUOUS_GAP_INTERVALS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final ResourceResolver resources;
    private final CaseTelemetryImporter telemetry;
    private final MetricSampleWriter samples = new MetricSampleWriter();
    private final MetricMinuteRollup rollup = new MetricMinuteRollup();

    /** Logs and spans are taken as history: no lateness bounds. */
    public CaseDirectoryImporter(DataSource dataSource, ResourceResolver resources) {
        this(dataSource, resources, new TelemetryIngestor(dataSource, resources));
    }

    public CaseDirectoryImporter(DataSource dataSource, ResourceResolver resources, TelemetryIngestor ingestor) {
        this.dataSource = dataSource;
        this.resources = resources;
        this.telemetry = new CaseTelemetryImporter(dataSource, ingestor);
    }

    /**
     * @throws IllegalArgumentException when a file is missing, case.json lacks a field, or a CSV has no time column
     */
    public CaseImportResult importCase(Path directory, long tenantId) throws IOException, SQLException {
        CaseDescription description = describe(directory);
        CaseCsvParser.ParsedFile normal = parse(directory.resolve("normal.csv"));
        CaseCsvParser.ParsedFile anomalous = parse(directory.resolve("anomalous.csv"));
        long shift = normalShift(normal.samples(), anomalous.samples(), description.samplingInterval());

        Map<String, ObservedResource> services = new LinkedHashMap<>();
        for (List<CaseCsvParser.CsvSample> block : List.of(normal.samples(), anomalous.samples())) {
            block.forEach(s -> services.computeIfAbsent(s.service(), name -> ObservedResource.service(Urn.k8sService(description.system(), name))));
        }
        Map<String, Long> ids = resources.resolveAll(tenantId, services.values());
        List<MetricSampleRow> rows = new ArrayList<>(normal.samples().size() + anomalous.samples().size());
        normal.samples().forEach(s -> rows.add(row(s, shift, services, ids)));
        anomalous.samples().forEach(s -> rows.add(row(s, 0, services, ids)));
        List<RejectedRecord> rejected = new ArrayList<>(normal.rejected());
        rejected.addAll(anomalous.rejected());
        if (rows.isEmpty()) {
            CaseTelemetryImporter.Result logsAndSpans = telemetry.importTelemetry(directory, tenantId, description.system(), shift);
            rejected.addAll(logsAndSpans.rejected());
            return new CaseImportResult(description.id(), tenantId, 0, 0, 0, 0, rejected, shift, null, null, logsAndSpans);
        }
        Instant from = rows.stream().map(MetricSampleRow::ts).min(Instant::compareTo).orElseThrow();
        Instant to = rows.stream().map(MetricSampleRow::ts).max(Instant::compareTo).orElseThrow();
        List<String> metrics = List.copyOf(new TreeSet<>(rows.stream().map(MetricSampleRow::metric).toList()));
        long written;
        long aggregates;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                written = samples.write(connection, tenantId, rows);
                aggregates = rollup.rollup(connection, tenantId, metrics, from, to.plusSeconds(1), null);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        CaseTelemetryImporter.Result logsAndSpans = telemetry.importTelemetry(directory, tenantId, description.system(), shift);
        rejected.addAll(logsAndSpans.rejected());
        return new CaseImportResult(description.id(), tenantId, services.size(), rows.size(), written, aggregates,
                rejected, shift, from, to, logsAndSpans);
    }

    /** Seconds to add to the normal block's times; see the class comment. */
    static long normalShift(List<CaseCsvParser.CsvSample> normal, List<CaseCsvParser.CsvSample> anomalous, long interval) {
        if (normal.isEmpty() || anomalous.isEmpty()) {
            return 0;
        }
        long normalLast = normal.stream().mapToLong(CaseCsvParser.CsvSample::epochSecond).max().orElseThrow();
        long anomalousFirst = anomalous.stream().mapToLong(CaseCsvParser.CsvSample::epochSecond).min().orElseThrow();
        long gap = anomalousFirst - normalLast;
        boolean contiguous = gap > 0 && gap <= CONTIGUOUS_GAP_INTERVALS * interval;
        return contiguous ? 0 : anomalousFirst - interval - normalLast;
    }

    private static MetricSampleRow row(CaseCsvParser.CsvSample sample, long shift, Map<String, ObservedResource> services,
                                       Map<String, Long> ids) {
        long resourceId = ids.get(services.get(sample.service()).urn());
        return new MetricSampleRow(resourceId, sample.metric(), Instant.ofEpochSecond(sample.epochSecond() + shift), sample.value());
    }

    private static CaseCsvParser.ParsedFile parse(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CaseCsvParser.parse(file.getFileName().toString(), reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file.getFileName() + ": missing from the case directory " + file.getParent());
        }
    }

    /**
     * The case's {@code case.json}.
     *
     * @throws IllegalArgumentException when it is missing, not JSON or lacks a field
     */
    public static CaseDescription describe(Path directory) throws IOException {
        Path file = directory.resolve("case.json");
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new IllegalArgumentException("case.json: missing from the case directory " + file.getParent());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("case.json: not valid JSON: " + e.getOriginalMessage());
        }
        long interval = required(json, "sampling_interval_s").asLong();
        if (interval < 1) {
            throw new IllegalArgumentException("case.json: sampling_interval_s must be at least 1, got " + interval);
        }
        return new CaseDescription(required(json, "id").asText(), required(json, "system").asText(),
                required(json, "root_cause_service").asText(), required(json, "fault_type").asText(),
                Instant.ofEpochSecond(required(json, "inject_time").asLong()), required(json, "frontend_service").asText(),
                interval, json.path("source").asText(null));
    }

    private static JsonNode required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException("case.json: field '" + field + "' is missing");
        }
        return value;
    }
}
