package io.rootscope.backend.ingest.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses one CSV file of a case directory: a header {@code time,<service>_<metric>,...} and rows of an epoch-second
 * time and numbers. Bad parts are refused with their line number and the rest kept: a malformed number refuses
 * its cell, a malformed time or a wrong number of fields refuses its line, a column name without a service
 * refuses its column. Empty cells are missing values, not errors. Only a header without a {@code time} column
 * makes the whole file unusable.
 */
final class CaseCsvParser {

    /** A sample as read, before time alignment and resource resolution. */
    record CsvSample(String service, String metric, long epochSecond, double value) {
    }

    /** Everything read from one file. */
    record ParsedFile(List<CsvSample> samples, List<RejectedRecord> rejected) {
    }

    private record Column(String name, String service, String metric) {
    }

    private CaseCsvParser() {
    }

    /** @throws CsvFormatException when the file has no header or its first column is not {@code time} */
    static ParsedFile parse(String file, BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (header == null || !header.split(",", -1)[0].trim().equals("time")) {
            throw new CsvFormatException(file, 1, "the header must start with the column 'time', got: "
                    + (header == null ? "an empty file" : "'" + header.split(",", -1)[0] + "'"));
        }
        List<RejectedRecord> rejected = new ArrayList<>();
        String[] names = header.split(",", -1);
        Column[] columns = new Column[names.length];
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < names.length; i++) {
            String name = names[i].trim();
            int underscore = name.indexOf('_');
            if (underscore <= 0 || underscore == name.length() - 1) {
                rejected.add(new RejectedRecord(file, 1, name, name, "column name must be <service>_<metric>"));
            } else if (!seen.add(name)) {
                rejected.add(new RejectedRecord(file, 1, name, name, "duplicate column"));
            } else {
                columns[i] = new Column(name, name.substring(0, underscore), name.substring(underscore + 1));
            }
        }
        List<CsvSample> samples = new ArrayList<>();
        long lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != names.length) {
                rejected.add(new RejectedRecord(file, lineNumber, null, line,
                        "expected " + names.length + " fields, got " + cells.length));
                continue;
            }
            long time;
            try {
                time = parseTime(cells[0].trim());
            } catch (NumberFormatException e) {
                rejected.add(new RejectedRecord(file, lineNumber, "time", cells[0], "time must be epoch seconds"));
                continue;
            }
            for (int i = 1; i < cells.length; i++) {
                String cell = cells[i].trim();
                if (columns[i] == null || cell.isEmpty()) {
                    continue;
                }
                try {
                    double value = Double.parseDouble(cell);
                    if (!Double.isFinite(value)) {
                        throw new NumberFormatException("not finite");
                    }
                    samples.add(new CsvSample(columns[i].service(), columns[i].metric(), time, value));
                } catch (NumberFormatException e) {
                    rejected.add(new RejectedRecord(file, lineNumber, columns[i].name(), cell, "not a finite number"));
                }
            }
        }
        return new ParsedFile(samples, rejected);
    }

    /** Whole seconds; a fractional part is accepted only when it is zero ("1652565600.0"). */
    private static long parseTime(String text) {
        double seconds = Double.parseDouble(text);
        if (!Double.isFinite(seconds) || seconds != Math.rint(seconds) || seconds < 0) {
            throw new NumberFormatException(text);
        }
        return (long) seconds;
    }
}
