package io.rootscope.backend.http;

import io.javalin.config.Key;
import io.javalin.http.Context;
import io.rootscope.backend.etl.parse.OtlpEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.xerial.snappy.Snappy;

/**
 * The one way every controller takes its request body. Each accessor first requires the content type the endpoint
 * declares (415 naming it otherwise: a browser can send {@code text/plain} across origins without asking, never
 * {@code application/json}), then hands out the body through a {@link BoundedBodyStream}, so a body over
 * {@link HttpSettings#maxBodyBytes} is refused with 413 while it streams in, whatever its Content-Length said, and
 * one arriving too slowly with 408. A body sent with {@code Content-Encoding: gzip} is inflated beneath a second bound:
 * its inflated size counts against the same limit (a small gzip inflating past it is a 413, never inflated whole).
 */
public final class RequestBody {

    public static final String JSON = "application/json";
    public static final String PLAIN_TEXT = "text/plain";
    public static final String PROTOBUF = "application/x-protobuf";
    /** The body bounds of the application, set once in its configuration. */
    static final Key<HttpSettings> SETTINGS = new Key<>("rootscope.http.settings");

    private RequestBody() {
    }

    /** A JSON body as text (at most the limit, so bounded in memory). */
    public static String json(Context ctx) {
        require(ctx, JSON);
        try (InputStream body = open(ctx)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            body.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON body to parse while it streams in. */
    public static InputStream jsonStream(Context ctx) {
        require(ctx, JSON);
        return open(ctx);
    }

    /** An OTLP export body and its encoding, by its content type: {@link #PROTOBUF} or {@link #JSON}. */
    public record OtlpBody(OtlpEncoding encoding, InputStream stream) {
    }

    /** An OTLP export body to parse while it streams in; 415 naming both content types for any other. */
    public static OtlpBody otlp(Context ctx) {
        String contentType = ctx.header("Content-Type");
        OtlpEncoding encoding = switch (mediaType(contentType)) {
            case PROTOBUF -> OtlpEncoding.PROTOBUF;
            case JSON -> OtlpEncoding.JSON;
            default -> throw new UnsupportedContentTypeException(PROTOBUF + " or " + JSON, contentType);
        };
        return new OtlpBody(encoding, open(ctx));
    }

    /**
     * A Prometheus remote write body: protobuf, snappy block-compressed as {@code Content-Encoding: snappy} says (415
     * for another type or encoding), uncompressed. Its uncompressed size, read from the block's header before any
     * decompression, counts against the same limit as the bytes on the wire (413) and is charged as bytes in flight.
     */
    public static byte[] snappyProtobuf(Context ctx) throws RequestBodyException {
        String contentType = ctx.header("Content-Type");
        if (!mediaType(contentType).equals(PROTOBUF)) {
            throw new UnsupportedContentTypeException(PROTOBUF, contentType);
        }
        String encoding = ctx.header("Content-Encoding");
        if (encoding == null || !encoding.trim().equalsIgnoreCase("snappy")) {
            throw new RequestBodyException(415, "Content-Encoding must be snappy, got " + (encoding == null ? "none" : "'" + encoding + "'"));
        }
        HttpSettings http = ctx.appData(SETTINGS);
        BodyRequestGate.Allowance allowance = (BodyRequestGate.Allowance) ctx.req().getAttribute(BodyRequestGate.ALLOWANCE);
        byte[] compressed;
        try (InputStream wire = new BoundedBodyStream(ctx.req().getInputStream(), http.maxBodyBytes(), http.minDataRate(), allowance)) {
            compressed = wire.readAllBytes();
        } catch (RequestBodyException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int length = Snappy.uncompressedLength(compressed);
            if (length < 0 || length > http.maxBodyBytes()) {
                throw BoundedBodyStream.tooLarge(http.maxBodyBytes());
            }
            if (allowance != null) {
                allowance.take(length);
            }
            return Snappy.uncompress(compressed);
        } catch (RequestBodyException e) {
            throw e;
        } catch (IOException e) {
            throw new RequestBodyException(400, "request body is not snappy block-compressed as its Content-Encoding says: " + e.getMessage());
        }
    }

    /** A {@code text/plain} body in its declared charset (UTF-8 when none). */
    public static Reader plainText(Context ctx) {
        Charset charset = require(ctx, PLAIN_TEXT);
        return new InputStreamReader(open(ctx), charset);
    }

    /** Before any handler: a declared Content-Length over the limit is refused without reading a byte. */
    static void refuseDeclaredOverLimit(Context ctx) throws RequestBodyException {
        long limit = ctx.appData(SETTINGS).maxBodyBytes();
        if (ctx.req().getContentLengthLong() > limit) {
            throw BoundedBodyStream.tooLarge(limit);
        }
    }

    private static InputStream open(Context ctx) {
        try {
            HttpSettings http = ctx.appData(SETTINGS);
            BodyRequestGate.Allowance allowance = (BodyRequestGate.Allowance) ctx.req().getAttribute(BodyRequestGate.ALLOWANCE);
            String encoding = ctx.header("Content-Encoding");
            if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
                return new BoundedBodyStream(ctx.req().getInputStream(), http.maxBodyBytes(), http.minDataRate(), allowance);
            }
            if (!encoding.trim().equalsIgnoreCase("gzip")) {
                throw new RequestBodyException(415, "Content-Encoding must be gzip or none, got '" + encoding + "'");
            }
            // The bytes on the wire are bounded and rated; the inflated ones bounded again and charged (the heap holds them).
            InputStream wire = new BoundedBodyStream(ctx.req().getInputStream(), http.maxBodyBytes(), http.minDataRate(), null);
            return new BoundedBodyStream(gunzip(wire), http.maxBodyBytes(), 0, allowance);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream gunzip(InputStream wire) throws IOException {
        try {
            return new GZIPInputStream(wire);
        } catch (RequestBodyException e) {
            throw e;
        } catch (IOException e) {
            // ZipException for another format, EOFException for a body shorter than a gzip header.
            throw new RequestBodyException(400, "request body is not gzip as its Content-Encoding says: " + e);
        }
    }

    /** @return the charset the content type declares, UTF-8 when it declares none */
    private static Charset require(Context ctx, String expected) {
        String contentType = ctx.header("Content-Type");
        if (!mediaType(contentType).equals(expected)) {
            throw new UnsupportedContentTypeException(expected, contentType);
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = parameter.substring("charset=".length()).replace("\"", "").trim();
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new UnsupportedContentTypeException(expected, contentType);
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The media type of a Content-Type header, lower-cased without its parameters; empty when there is none. */
    static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }
}
