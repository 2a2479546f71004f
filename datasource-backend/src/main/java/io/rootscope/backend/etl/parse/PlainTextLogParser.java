package io.rootscope.backend.etl.parse;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.backend.refusal.StorableValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses plain-text log lines of the form {@code <RFC 3339 timestamp> <service> <message>}, e.g.
 * {@code 2026-01-01T10:00:00.123Z cart Connection refused}, or {@code <timestamp> <message>} when the service
 * is given for the whole stream. Fields are separated by runs of spaces or tabs; the timestamp must carry an
 * offset ({@code Z} or {@code +02:00}) and the {@code T} separator. Blank lines are skipped; a bad line is
 * rejected by its 1-based number and the others are kept. The severity is left UNSPECIFIED for detection
 * from the message. Time O(input size), memory O(records).
 */
public final class PlainTextLogParser {

    /** The times a record can carry: OTLP's signed 64-bit Unix nanoseconds, 1677-09-21 to 2262-04-11. */
    private static final Instant EARLIEST = Instant.ofEpochSecond(0, Long.MIN_VALUE);
    private static final Instant LATEST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    /** Parses lines that name their service. */
    public ParseResult<ParsedLogRecord> parse(Reader text) throws IOException {
        return parse(text, null);
    }

    /**
     * Parses lines of one service, which they do not name.
     *
     * @param service the service of every line, or null when each line names its own
     */
    public ParseResult<ParsedLogRecord> parse(Reader text, ServiceRef service) throws IOException {
        List<ParsedLogRecord> records = new ArrayList<>();
        List<ParseReject> rejects = new ArrayList<>();
        BufferedReader lines = text instanceof BufferedReader buffered ? buffered : new BufferedReader(text);
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(parseLine(line.strip(), service));
            } catch (IllegalArgumentException e) {
                rejects.add(new ParseReject("line " + number, e.getMessage()));
            }
        }
        return new ParseResult<>(records, rejects);
    }

    private static ParsedLogRecord parseLine(String line, ServiceRef service) {
        if (!StorableValues.isStorable(line)) {
            throw new IllegalArgumentException(StorableValues.NUL_PROBLEM);
        }
        int timestampEnd = fieldEnd(line, 0);
        long time = unixNano(line.substring(0, timestampEnd));
        int next = fieldStart(line, timestampEnd);
        ServiceRef lineService = service;
        if (lineService == null) {
            int serviceEnd = fieldEnd(line, next);
            if (next == serviceEnd) {
                throw new IllegalArgumentException("no service after the timestamp");
            }
            lineService = new ServiceRef(line.substring(next, serviceEnd), null);
            next = fieldStart(line, serviceEnd);
        }
        if (next == line.length()) {
            throw new IllegalArgumentException("no message");
        }
        return new ParsedLogRecord(lineService, time, LogSeverity.UNSPECIFIED, line.substring(next), null, null);
    }

    private static long unixNano(String timestamp) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + timestamp + "' is not RFC 3339 with an offset");
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp '" + timestamp + "' is outside the supported time range "
                    + EARLIEST + " to " + LATEST + " (nanoseconds since 1970 in 64 bits, as OTLP times)");
        }
    }

    private static int fieldEnd(String line, int from) {
        int i = from;
        while (i < line.length() && !isSeparator(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int fieldStart(String line, int from) {
        int i = from;
        while (i < line.length() && isSeparator(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t';
    }
}
