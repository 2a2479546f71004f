package io.rootscope.backend.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;

/**
 * A request body that counts what it delivers and fails with 413 once more than {@code maxBytes} came through, so
 * nothing past the limit is ever read. It counts what the application reads: a decoding stream (gzip) placed beneath
 * it makes the decompressed size the one that counts. A body arriving under {@code minBytesPerSecond} (averaged from its
 * first byte, after a grace of {@link #RATE_GRACE_NANOS}) ends with 408: each read of a dripping body holds a server
 * thread. Jetty's own check has no grace, so a client pausing a few milliseconds after a small first chunk would fail
 * it. Failures of the connection become {@link RequestBodyException}s too: a read stalled past the idle timeout (408),
 * a body cut short (400).
 */
final class BoundedBodyStream extends FilterInputStream {

    static final long RATE_GRACE_NANOS = 1_000_000_000L;

    private final long maxBytes;
    private final long minBytesPerSecond;
    private final BodyRequestGate.Allowance allowance;
    private long count;
    private long firstByteNanos;

    /**
     * @param allowance where the bytes read are charged, shared with the other requests being served; null for a
     *                  request that declared no body (so has none to read)
     */
    BoundedBodyStream(InputStream body, long maxBytes, long minBytesPerSecond, BodyRequestGate.Allowance allowance) {
        super(body);
        this.maxBytes = maxBytes;
        this.minBytesPerSecond = minBytesPerSecond;
        this.allowance = allowance;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        // One byte past the limit is enough to know the body is too large.
        int wanted = (int) Math.min(length, maxBytes - count + 1);
        int n;
        try {
            n = in.read(buffer, offset, wanted);
        } catch (BadMessageException e) {
            throw new RequestBodyException(e.getCode(), "request body: " + e.getReason());
        } catch (RequestBodyException e) {
            throw e;
        } catch (IOException e) {
            throw readFailure(e);
        }
        if (n > 0) {
            if (count == 0) {
                firstByteNanos = System.nanoTime();
            }
            count += n;
            if (count > maxBytes) {
                throw tooLarge(maxBytes);
            }
            if (allowance != null) {
                allowance.take(n);
            }
            checkRate();
        }
        return n;
    }

    private void checkRate() throws RequestBodyException {
        long rated = System.nanoTime() - firstByteNanos - RATE_GRACE_NANOS;
        if (minBytesPerSecond > 0 && rated > 0 && count < minBytesPerSecond * rated / 1_000_000_000L) {
            throw new RequestBodyException(408, "request body arrived at under " + minBytesPerSecond
                    + " B/s (ROOTSCOPE_HTTP_MIN_DATA_RATE)");
        }
    }

    /** Skipped bytes count too: read through this stream, not around it. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    /** The 413 of a body over the limit, read or declared. */
    static RequestBodyException tooLarge(long maxBytes) {
        return new RequestBodyException(413, "request body exceeds the limit of " + maxBytes + " bytes (ROOTSCOPE_HTTP_MAX_BODY_BYTES)");
    }

    private static RequestBodyException readFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return new RequestBodyException(408, "request body stalled longer than the idle timeout (ROOTSCOPE_HTTP_IDLE_TIMEOUT_SECONDS)");
            }
        }
        return new RequestBodyException(400, "request body could not be read to its end: " + e.getMessage());
    }
}
