package io.rootscope.analytics.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.analytics.logs.DrainTemplateMiner;
import io.rootscope.analytics.logs.LogEntry;
import io.rootscope.analytics.logs.LogMessageLimits;
import io.rootscope.analytics.logs.LogTemplateBatch;
import io.rootscope.analytics.logs.MinedLogLine;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.LogEvent;
import io.rootscope.analytics.rca.MetricNameMapping;
import io.rootscope.analytics.rca.SpanRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads fault cases in the case-directory format of {@code shared/datasets/README.md}: {@code normal.csv} and
 * {@code anomalous.csv} (column {@code time}, then {@code <service>_<metric>}, empty cells missing) and
 * {@code case.json} with the ground truth. The two files may come from separate runs: they are concatenated, the
 * normal samples moved just before the anomalous ones when their times overlap, and the anomaly starts at the first
 * anomalous sample. Columns are typed by the metric-name mapping ({@link DiagnosisWindow.Builder#metric}); columns
 * missing from either file are ignored. The optional {@code normal_logs.csv}, {@code anomalous_logs.csv},
 * {@code normal_spans.csv} and {@code anomalous_spans.csv} add log events (mined with Drain) and spans; rows that
 * cannot be used are listed in {@link FaultCase#rejected}. A reader may leave out kinds of {@link Telemetry}: the
 * case then reads as if its system had not recorded them (the metric files still give the sample times).
 */
public final class CaseDirectoryReader {

    private static final String CASE_FILE = "case.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetricNameMapping mapping;
    private final Set<Telemetry> telemetry;

    /** A reader of the kinds of {@code telemetry} given, metrics typed by {@code mapping}. */
    public CaseDirectoryReader(MetricNameMapping mapping, Set<Telemetry> telemetry) {
        this.mapping = mapping;
        this.telemetry = Set.copyOf(telemetry);
    }

    public CaseDirectoryReader(MetricNameMapping mapping) {
        this(mapping, Telemetry.ALL);
    }

    public CaseDirectoryReader() {
        this(MetricNameMapping.defaults());
    }

    /**
     * Reads each directory that is a case, and each case directly inside a directory that is not, in name order.
     *
     * @throws IllegalArgumentException when a path is not a directory or holds no case
     */
    public List<FaultCase> readAll(List<Path> paths) {
        return caseDirectories(paths).stream().map(this::read).toList();
    }

    /**
     * The case directories {@link #readAll} reads, without reading them: each path that is a case, and each case
     * directly inside a path that is not, in name order.
     *
     * @throws IllegalArgumentException when a path is not a directory or holds no case
     */
    public static List<Path> caseDirectories(List<Path> paths) {
        List<Path> cases = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException("not a directory: " + path);
            }
            if (Files.exists(path.resolve(CASE_FILE))) {
                cases.add(path);
                continue;
            }
            try (Stream<Path> children = Files.list(path)) {
                List<Path> caseDirs = children.filter(p -> Files.exists(p.resolve(CASE_FILE))).sorted().toList();
                if (caseDirs.isEmpty()) {
                    throw new IllegalArgumentException("no case directory (with " + CASE_FILE + ") in " + path);
                }
                cases.addAll(caseDirs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cases;
    }

    /** Reads one case directory. */
    public FaultCase read(Path dir) {
        try {
            JsonNode meta = JSON.readTree(dir.resolve(CASE_FILE).toFile());
            Table normal = Table.read(dir.resolve("normal.csv"));
            Table anomalous = Table.read(dir.resolve("anomalous.csv"));
            long[] times = concatenateTimes(normal.times, anomalous.times);
            List<RejectedRow> rejected = new ArrayList<>();
            List<TelemetryCsv.LogLine> normalLogs = readLogs(dir, TelemetryCsv.NORMAL_LOGS, rejected);
            List<TelemetryCsv.LogLine> anomalousLogs = readLogs(dir, TelemetryCsv.ANOMALOUS_LOGS, rejected);
            List<SpanRecord> normalSpans = readSpans(dir, TelemetryCsv.NORMAL_SPANS, rejected);
            List<SpanRecord> anomalousSpans = readSpans(dir, TelemetryCsv.ANOMALOUS_SPANS, rejected);
            DiagnosisWindow.Builder builder = DiagnosisWindow.builder(times, text(meta, "frontend_service"))
                    .anomalyStart(anomalyStart(anomalous.times[0], anomalousLogs, anomalousSpans))
                    .logs(mine(normalLogs, anomalousLogs))
                    .spans(normalSpans)
                    .spans(anomalousSpans);
            if (telemetry.contains(Telemetry.METRICS)) {
                addMetrics(builder, normal, anomalous, times.length);
            }
            return new FaultCase(text(meta, "id"), text(meta, "fault_type"), text(meta, "root_cause_service"),
                    builder.build(), rejected);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read case " + dir, e);
        }
    }

    /** The columns {@code <service>_<metric>} of both files, as one series per column present in both. */
    private void addMetrics(DiagnosisWindow.Builder builder, Table normal, Table anomalous, int length) {
        for (String column : normal.columns.keySet()) {
            int cut = column.indexOf('_');
            if (cut <= 0 || cut == column.length() - 1 || !anomalous.columns.containsKey(column)) {
                continue;
            }
            double[] values = new double[length];
            System.arraycopy(normal.column(column), 0, values, 0, normal.times.length);
            System.arraycopy(anomalous.column(column), 0, values, normal.times.length, anomalous.times.length);
            builder.metric(column.substring(0, cut), column.substring(cut + 1), values, mapping);
        }
    }

    private List<TelemetryCsv.LogLine> readLogs(Path dir, String file, List<RejectedRow> rejected) {
        return telemetry.contains(Telemetry.LOGS) && Files.exists(dir.resolve(file))
                ? TelemetryCsv.readLogs(dir.resolve(file), rejected) : List.of();
    }

    private List<SpanRecord> readSpans(Path dir, String file, List<RejectedRow> rejected) {
        return telemetry.contains(Telemetry.SPANS) && Files.exists(dir.resolve(file))
                ? TelemetryCsv.readSpans(dir.resolve(file), rejected) : List.of();
    }

    /**
     * The earliest time of the anomalous files, metric samples, log lines or spans: logs and spans are recorded
     * continuously, while metric samples start at the next sampling step.
     */
    private static long anomalyStart(long firstSample, List<TelemetryCsv.LogLine> logs, List<SpanRecord> spans) {
        long start = firstSample;
        for (TelemetryCsv.LogLine line : logs) {
            start = Math.min(start, Math.floorDiv(line.timeMillis(), 1000L));
        }
        for (SpanRecord span : spans) {
            start = Math.min(start, Math.floorDiv(span.startMicros(), 1_000_000L));
        }
        return start;
    }

    /** Mines the lines of both periods together, in time order, as one tenant's stream is mined in production. */
    private static List<LogEvent> mine(List<TelemetryCsv.LogLine> normal, List<TelemetryCsv.LogLine> anomalous) {
        List<TelemetryCsv.LogLine> lines = new ArrayList<>(normal);
        lines.addAll(anomalous);
        lines.sort(Comparator.comparingLong(TelemetryCsv.LogLine::timeMillis));
        LogTemplateBatch batch = new DrainTemplateMiner().mine(
                lines.stream().map(line -> LogEntry.of(LogMessageLimits.mined(line.message()))).toList());
        List<LogEvent> events = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            MinedLogLine mined = batch.lines().get(i);
            events.add(new LogEvent(lines.get(i).timeMillis(), lines.get(i).service(), mined.template(),
                    mined.severity()));
        }
        return events;
    }

    private static long[] concatenateTimes(long[] normal, long[] anomalous) {
        long[] times = new long[normal.length + anomalous.length];
        long shift = normal[normal.length - 1] >= anomalous[0] ? anomalous[0] - 1 - normal[normal.length - 1] : 0;
        for (int i = 0; i < normal.length; i++) {
            times[i] = normal[i] + shift;
        }
        System.arraycopy(anomalous, 0, times, normal.length, anomalous.length);
        return times;
    }

    private static String text(JsonNode meta, String field) {
        JsonNode node = meta.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(CASE_FILE + " lacks field " + field);
        }
        return node.asText();
    }

    /** A CSV file: times and columns by name; empty or non-numeric cells are NaN. */
    private static final class Table {
        final long[] times;
        final Map<String, Integer> columns = new LinkedHashMap<>();
        final double[][] values;

        private Table(long[] times, List<String> header, double[][] values) {
            this.times = times;
            for (int c = 1; c < header.size(); c++) {
                columns.put(header.get(c).trim(), c - 1);
            }
            this.values = values;
        }

        double[] column(String name) {
            return values[columns.get(name)];
        }

        static Table read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            if (lines.size() < 2) {
                throw new IllegalArgumentException(file + " has no samples");
            }
            List<String> header = List.of(lines.get(0).split(",", -1));
            if (!header.get(0).trim().equals("time")) {
                throw new IllegalArgumentException(file + ": first column must be 'time'");
            }
            int rows = lines.size() - 1;
            long[] times = new long[rows];
            double[][] values = new double[header.size() - 1][rows];
            for (int r = 0; r < rows; r++) {
                String[] cells = lines.get(r + 1).split(",", -1);
                times[r] = (long) Double.parseDouble(cells[0].trim());
                for (int c = 1; c < header.size(); c++) {
                    values[c - 1][r] = c < cells.length ? parse(cells[c]) : Double.NaN;
                }
            }
            return new Table(times, header, values);
        }

        private static double parse(String cell) {
            String s = cell.trim();
            if (s.isEmpty()) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }
}
