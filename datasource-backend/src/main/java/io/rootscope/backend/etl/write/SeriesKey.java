package io.rootscope.backend.etl.write;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * A pushed series' identity within a tenant as 128 bits, the key of the {@link SeriesIdCache}: its name and its labels by
 * name, hashed straight from their characters. Hashing replaced an identity string built per series of every push,
 * whose building, hashing and comparing on lookup took about half the JVM's profile samples of a push of known series.
 *
 * <p>Two series with one key would share a series id, so the hash is 128 bits wide: among a billion series the chance
 * of any collision is about 10^-21 (n^2 / 2^129), far below that of a memory error. (Prometheus's head looks series up
 * by a 64-bit hash of their labels and compares the labels when two hashes match; this cache keeps no labels to compare,
 * hence twice the width.) MurmurHash3 is not a cryptographic hash, so a sender could craft two label
 * sets with one key on purpose; the tenant is part of the key, so the harm stays within the sender's own series.
 *
 * <p>The hash is Guava's MurmurHash3 x64 128-bit over the parts in order, each written as its length in one 64-bit
 * little-endian word and then its UTF-16 code units, little-endian, zero-padded to a whole word: lengths first, so no
 * two identities give one stream.
 */
record SeriesKey(long tenantId, long high, long low) {

    private static final HashFunction MURMUR3 = Hashing.murmur3_128();

    static SeriesKey of(long tenantId, PushedSeries series) {
        Hasher hasher = MURMUR3.newHasher();
        part(hasher, series.name());
        for (Map.Entry<String, String> label : series.labels().entrySet()) {
            part(hasher, label.getKey());
            part(hasher, label.getValue());
        }
        ByteBuffer halves = ByteBuffer.wrap(hasher.hash().asBytes()).order(ByteOrder.LITTLE_ENDIAN);
        return new SeriesKey(tenantId, halves.getLong(), halves.getLong());
    }

    private static void part(Hasher hasher, String text) {
        hasher.putLong(text.length()).putUnencodedChars(text);
        for (int padding = (4 - text.length() % 4) % 4; padding > 0; padding--) {
            hasher.putChar('\0');
        }
    }

    /** The low half is already a hash: it spreads the keys over a hash table as well as any mix of the three. */
    @Override
    public int hashCode() {
        return Long.hashCode(low);
    }

    /** Written out: a record's generated equals showed in the profile of a push. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesKey key && key.low == low && key.high == high && key.tenantId == tenantId;
    }
}
