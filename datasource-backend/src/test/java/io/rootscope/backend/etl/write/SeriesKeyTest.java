package io.rootscope.backend.etl.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The series id cache's key: MurmurHash3 x64 128 as published, over a stream that tells every identity apart. */
class SeriesKeyTest {

    @Test
    void isMurmur3Of128BitsOverTheLengthPrefixedPaddedParts() {
        // Parts of every length modulo 4 (padding) and an odd and even count of words (the tail of a block).
        for (Map<String, String> labels : List.of(Map.<String, String>of(), Map.of("a", "b"), Map.of("job", "carts", "instance", "10.0.0.1:9090"),
                Map.of("le", "0.25", "ns", "sock-shop", "pod", "carts-5d7f9c-x2x7q", "ünïcödé", "värde ✓"))) {
            PushedSeries series = new PushedSeries("http_server_requests_seconds_bucket", labels, List.of());
            ByteBuffer stream = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            part(stream, series.name());
            series.labels().forEach((name, value) -> {
                part(stream, name);
                part(stream, value);
            });
            byte[] hash = Hashing.murmur3_128().hashBytes(stream.array(), 0, stream.position()).asBytes();
            ByteBuffer halves = ByteBuffer.wrap(hash).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(new SeriesKey(7, halves.getLong(), halves.getLong()), SeriesKey.of(7, series), labels.toString());
        }
    }

    private static void part(ByteBuffer stream, String text) {
        stream.putLong(text.length());
        text.chars().forEach(c -> stream.putChar((char) c));
        while (stream.position() % 8 != 0) {
            stream.put((byte) 0);
        }
    }

    @Test
    void oneSeriesHasOneKeyWhateverItsLabelsOrderAndOnlyInItsTenant() {
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("job", "carts");
        ordered.put("instance", "a");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("instance", "a");
        reversed.put("job", "carts");
        SeriesKey key = SeriesKey.of(1, new PushedSeries("up", ordered, List.of()));
        assertEquals(key, SeriesKey.of(1, new PushedSeries("up", reversed, List.of())));
        assertEquals(key.hashCode(), SeriesKey.of(1, new PushedSeries("up", reversed, List.of())).hashCode());
        assertNotEquals(key, SeriesKey.of(2, new PushedSeries("up", ordered, List.of())));
    }

    @Test
    void identitiesThatReadAlikeWhenConcatenatedHaveDifferentKeys() {
        // Moving characters between parts, or a label into the name, must change the key.
        List<PushedSeries> alike = List.of(
                new PushedSeries("up", Map.of("ab", "c"), List.of()),
                new PushedSeries("up", Map.of("a", "bc"), List.of()),
                new PushedSeries("upa", Map.of("b", "c"), List.of()),
                new PushedSeries("up", Map.of("ab", "c\0"), List.of()),
                new PushedSeries("up", Map.of("a", "b", "c", ""), List.of()));
        assertEquals(alike.size(), alike.stream().map(s -> SeriesKey.of(1, s)).distinct().count());
    }
}
