package io.rootscope.backend.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} cannot send: bodies of any size produced on the fly
 * (chunked, or under a Content-Length they may not match), read back while the body is still being sent, and
 * connections left stalled on purpose.
 */
public final class RawHttp {

    /** An answer: its status (0 when the connection closed before one came) and its whole text. */
    public record Answer(int status, String text) {

        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }

        public boolean hasHeader(String name) {
            return text.toLowerCase(Locale.ROOT).contains("\r\n" + name.toLowerCase(Locale.ROOT) + ":");
        }
    }

    /** A body that never ends by itself: {@code prefix}, then {@code unit} again and again. */
    public record Body(String prefix, String unit) {

        /** Writes {@code total} bytes of this body. */
        void write(OutputStream out, long total, boolean chunked) throws IOException {
            byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
            byte[] block = unit.repeat(Math.max(1, 16_384 / unit.length())).getBytes(StandardCharsets.UTF_8);
            long sent = 0;
            byte[] first = prefixBytes.length == 0 ? null : prefixBytes;
            while (sent < total) {
                byte[] next = first != null ? first : block;
                first = null;
                int length = (int) Math.min(next.length, total - sent);
                if (chunked) {
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(next, 0, length);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                sent += length;
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        }
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n");

    private RawHttp() {
    }

    /** A request head; {@code contentLength} below 0 means chunked. The connection closes after the answer. */
    public static String head(String method, String path, int port, String contentType, long contentLength) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append(contentLength < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + contentLength + "\r\n");
        return head.append("\r\n").toString();
    }

    /**
     * POSTs {@code bodyBytes} bytes of {@code body} (chunked, or with a Content-Length of {@code declaredLength}),
     * reading the answer while the body is still being written: a server that refuses early answers before the end.
     */
    public static Answer post(int port, String path, String contentType, Body body, long bodyBytes, boolean chunked,
                              long declaredLength, Duration timeout) throws IOException, InterruptedException {
        try (Socket socket = connect(port, timeout)) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", path, port, contentType, chunked ? -1 : declaredLength).getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                try {
                    body.write(out, bodyBytes, chunked);
                } catch (IOException refused) {
                    // The server answered and closed before the end of the body: what the reader is waiting for.
                }
            }, "raw-http-body");
            writer.setDaemon(true);
            writer.start();
            Answer answer = read(socket);
            socket.close();
            writer.join(timeout.toMillis());
            return answer;
        }
    }

    /** Opens a connection with its socket timeout set. */
    public static Socket connect(int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        return socket;
    }

    /**
     * Reads an answer: up to its Content-Length, else to the end of the connection (or the socket timeout). A server
     * that refused a body it never read may keep the connection open until its idle timeout, waiting for the rest.
     */
    public static Answer read(Socket socket) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                text.write(buffer, 0, n);
                if (complete(text.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | SocketException ended) {
            // What arrived so far is the answer (a reset may follow the server's close).
        }
        String answer = text.toString(StandardCharsets.UTF_8);
        int status = answer.startsWith("HTTP/1.1 ") && answer.length() >= 12 ? Integer.parseInt(answer.substring(9, 12)) : 0;
        return new Answer(status, answer);
    }

    private static boolean complete(String answer) {
        Matcher length = CONTENT_LENGTH.matcher(answer);
        int end = answer.indexOf("\r\n\r\n");
        return end >= 0 && length.find() && length.start() < end
                && answer.getBytes(StandardCharsets.UTF_8).length - (end + 4) >= Integer.parseInt(length.group(1));
    }
}
