package io.rootscope.analytics.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.rootscope.analytics.rca.SpanRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the optional log and span files of a case ({@code *_logs.csv}, {@code *_spans.csv}; format in
 * {@code shared/datasets/README.md}). A row that cannot be used is rejected with its line and column and the rest of
 * the file kept; a file without the required header, or whose quoting is broken, is refused whole. The case reader
 * and the database import ({@code rootscope ingest case}) both read through here, so both refuse the same rows.
 */
public final class TelemetryCsv {

    public static final String NORMAL_LOGS = "normal_logs.csv";
    public static final String ANOMALOUS_LOGS = "anomalous_logs.csv";
    public static final String NORMAL_SPANS = "normal_spans.csv";
    public static final String ANOMALOUS_SPANS = "anomalous_spans.csv";

    /** A log line as written in the file, before template mining. */
    public record LogLine(long timeMillis, String service, String message) {
    }

    /**
     * Takes each usable row with its 1-based line number. It may refuse the row by throwing {@link RowRejection}, which
     * is recorded like the reader's own rejections.
     */
    @FunctionalInterface
    public interface RowSink<T> {
        void accept(long line, T record);
    }

    /** Refuses the row being read, naming the column at fault. */
    public static final class RowRejection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String column;

        public RowRejection(String column, String reason) {
            super(reason, null, false, false);
            this.column = column;
        }

        public String column() {
            return column;
        }
    }

    private static final List<String> LOG_COLUMNS = List.of("time", "service", "message");
    private static final List<String> SPAN_COLUMNS =
            List.of("trace_id", "span_id", "parent_span_id", "service", "operation", "start", "duration_ms");
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private TelemetryCsv() {
    }

    static List<LogLine> readLogs(Path file, List<RejectedRow> rejected) {
        List<LogLine> lines = new ArrayList<>();
        readLogs(file, rejected, (line, log) -> lines.add(log));
        return lines;
    }

    /** Streams the usable rows of a log file to {@code sink}, adding the refused ones to {@code rejected}. */
    public static void readLogs(Path file, List<RejectedRow> rejected, RowSink<LogLine> sink) {
        read(file, LOG_COLUMNS, rejected, (line, row) -> {
            double time = row.number(0);
            String service = row.text(1);
            sink.accept(line, new LogLine(Math.round(time * 1000), service, row.cells[2]));
        });
    }

    static List<SpanRecord> readSpans(Path file, List<RejectedRow> rejected) {
        List<SpanRecord> spans = new ArrayList<>();
        readSpans(file, rejected, (line, span) -> spans.add(span));
        return spans;
    }

    /** Streams the usable rows of a span file to {@code sink}, adding the refused ones to {@code rejected}. */
    public static void readSpans(Path file, List<RejectedRow> rejected, RowSink<SpanRecord> sink) {
        read(file, SPAN_COLUMNS, rejected, (line, row) -> {
            String traceId = row.text(0);
            String spanId = row.text(1);
            String parent = row.cells[2].trim();
            String service = row.text(3);
            double start = row.number(5);
            double durationMs = row.number(6);
            if (durationMs < 0) {
                throw new RowRejection(SPAN_COLUMNS.get(6), "negative duration " + durationMs);
            }
            sink.accept(line, new SpanRecord(traceId, spanId, parent.isEmpty() ? null : parent, service, row.cells[4],
                    Math.round(start * 1e6), Math.round(durationMs * 1e3), false));
        });
    }

    private static void read(Path file, List<String> columns, List<RejectedRow> rejected, RowSink<Row> reader) {
        String name = file.getFileName().toString();
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(file.toFile())) {
            if (!rows.hasNextValue() || !Arrays.asList(rows.nextValue()).equals(columns)) {
                throw new IllegalArgumentException(name + ": the header must be " + String.join(",", columns));
            }
            // The row starts where the previous one ended.
            for (long line = rows.getCurrentLocation().getLineNr(); rows.hasNextValue();
                 line = rows.getCurrentLocation().getLineNr()) {
                String[] cells = rows.nextValue();
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                if (cells.length != columns.size()) {
                    rejected.add(new RejectedRow(name, line, columns.get(Math.min(cells.length, columns.size()) - 1),
                            "expected " + columns.size() + " fields, got " + cells.length));
                    continue;
                }
                try {
                    reader.accept(line, new Row(cells, columns));
                } catch (RowRejection e) {
                    rejected.add(new RejectedRow(name, line, e.column(), e.getMessage()));
                }
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(name + ":" + line + ": unreadable CSV: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private record Row(String[] cells, List<String> columns) {

        String text(int column) {
            String value = cells[column].trim();
            if (value.isEmpty()) {
                throw new RowRejection(columns.get(column), "empty " + columns.get(column));
            }
            return value;
        }

        double number(int column) {
            try {
                double value = Double.parseDouble(cells[column].trim());
                if (!Double.isFinite(value)) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new RowRejection(columns.get(column), "not a number: '" + cells[column] + "'");
            }
        }
    }
}
