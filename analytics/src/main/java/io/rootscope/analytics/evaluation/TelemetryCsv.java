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
import java.util.function.Consumer;

/**
 * Reads the optional log and span files of a case ({@code *_logs.csv}, {@code *_spans.csv}; format in
 * {@code shared/datasets/README.md}). A row that cannot be used is rejected with its line and column and the rest of
 * the file kept; a file without the required header, or whose quoting is broken, is refused whole.
 */
final class TelemetryCsv {

    /** A log line as written in the file, before template mining. */
    record LogLine(long timeMillis, String service, String message) {
    }

    private static final List<String> LOG_COLUMNS = List.of("time", "service", "message");
    private static final List<String> SPAN_COLUMNS =
            List.of("trace_id", "span_id", "parent_span_id", "service", "operation", "start", "duration_ms");
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private TelemetryCsv() {
    }

    static List<LogLine> readLogs(Path file, List<RejectedRow> rejected) {
        List<LogLine> lines = new ArrayList<>();
        read(file, LOG_COLUMNS, rejected, row -> {
            double time = row.number(0);
            String service = row.text(1);
            lines.add(new LogLine(Math.round(time * 1000), service, row.cells[2]));
        });
        return lines;
    }

    static List<SpanRecord> readSpans(Path file, List<RejectedRow> rejected) {
        List<SpanRecord> spans = new ArrayList<>();
        read(file, SPAN_COLUMNS, rejected, row -> {
            String traceId = row.text(0);
            String spanId = row.text(1);
            String parent = row.cells[2].trim();
            String service = row.text(3);
            double start = row.number(5);
            double durationMs = row.number(6);
            if (durationMs < 0) {
                throw new RowException(6, "negative duration " + durationMs);
            }
            spans.add(new SpanRecord(traceId, spanId, parent.isEmpty() ? null : parent, service, row.cells[4],
                    Math.round(start * 1e6), Math.round(durationMs * 1e3), false));
        });
        return spans;
    }

    private static void read(Path file, List<String> columns, List<RejectedRow> rejected, Consumer<Row> reader) {
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
                    reader.accept(new Row(cells, columns));
                } catch (RowException e) {
                    rejected.add(new RejectedRow(name, line, columns.get(e.column), e.getMessage()));
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
                throw new RowException(column, "empty " + columns.get(column));
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
                throw new RowException(column, "not a number: '" + cells[column] + "'");
            }
        }
    }

    private static final class RowException extends RuntimeException {
        final int column;

        RowException(int column, String message) {
            super(message, null, false, false);
            this.column = column;
        }
    }
}
