package io.rootscope.analytics.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A log corpus with known templates, to measure template mining by {@link GroupingAccuracy}: each line is one
 * of {@value #TEMPLATE_COUNT} realistic templates with its placeholders filled by random values — IPs,
 * numbers, durations, paths, URLs, UUIDs, hex ids, quoted text, and plain words that no mask catches and
 * Drain itself must generalise. Templates do not start with a variable (Drain routes on leading tokens) and no
 * two differ in a single word only, so a correct miner can group them all.
 *
 * <p>Deterministic for a given {@link Random} seed. Time O(lines).
 */
public final class SyntheticLogCorpus {

    /** One generated line and the index of its true template. */
    public record Line(String message, int template) {
    }

    private static final String[] TEMPLATES = {
        "Accepted connection from {ip} on port {num}",
        "User {word} logged in from {ip}",
        "GET {path} returned {num} in {duration}",
        "POST {path} failed with status {num}: {quoted}",
        "ERROR Failed to connect to database {word} at {ip} after {num} retries",
        "WARN Slow query took {duration} on table {word}",
        "INFO Cache hit ratio {num} for region {word}",
        "Order {uuid} placed by customer {word} total {num}",
        "Payment {uuid} declined: {quoted}",
        "Span {hex} exported to {url}",
        "Reading configuration from {path}",
        "Scheduled job {word} finished in {duration} with {num} items",
        "DEBUG Heartbeat sent to {ip} seq={num}",
        "Evicted {num} entries from cache {word} to free {num} bytes",
        "Kafka consumer {word} lagging by {num} messages on partition {num}",
        "ERROR Timeout waiting for response from {url} after {duration}",
        "Request {hex} rejected by rate limiter for client {ip}",
        "Garbage collection paused the JVM for {duration}",
        "Session {uuid} expired for user {word}",
        "Retrying upload of {path} attempt {num} of {num}",
        "FATAL Out of memory while allocating {num} bytes in pool {word}",
        "Health check passed for upstream {word} in {duration}",
        "TLS handshake with {ip} failed: {quoted}",
        "Loaded {num} feature flags from {url}",
    };

    /** Number of distinct templates. */
    public static final int TEMPLATE_COUNT = TEMPLATES.length;

    private static final String[] WORDS = {
        "alice", "bob", "carol", "dave", "erin", "orders", "inventory", "payments", "users", "sessions",
        "primary", "replica", "eu", "us", "apac", "checkout", "catalog", "search", "billing", "shipping",
    };
    private static final String[] DURATION_UNITS = {"ms", "s", "us"};

    private final Random random;

    public SyntheticLogCorpus(Random random) {
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
        this.random = random;
    }

    /** The text of a template with its placeholders in braces, e.g. {@code User {word} logged in from {ip}}. */
    public static String template(int index) {
        return TEMPLATES[index];
    }

    /** {@code count} lines, each of a uniformly drawn template. */
    public List<Line> generate(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("line count must not be negative, got " + count);
        }
        List<Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int template = random.nextInt(TEMPLATE_COUNT);
            lines.add(new Line(fill(TEMPLATES[template]), template));
        }
        return lines;
    }

    private String fill(String template) {
        StringBuilder line = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                line.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            line.append(template, i, open).append(value(template.substring(open + 1, close)));
            i = close + 1;
        }
        return line.toString();
    }

    private String value(String placeholder) {
        return switch (placeholder) {
            case "ip" -> random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
            case "num" -> Integer.toString(random.nextInt(100_000));
            case "duration" -> random.nextInt(5_000) + DURATION_UNITS[random.nextInt(DURATION_UNITS.length)];
            case "path" -> "/" + word() + "/" + word() + "/" + random.nextInt(1_000);
            case "url" -> "https://" + word() + ".example.com:" + (1024 + random.nextInt(60_000)) + "/" + word();
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "hex" -> String.format("%016x", random.nextLong() | 1L << 60);
            case "quoted" -> "\"" + word() + " " + word() + "\"";
            case "word" -> word();
            default -> throw new IllegalStateException("unknown placeholder {" + placeholder + "}");
        };
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }
}
