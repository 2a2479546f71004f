package io.rootscope.backend.etl.write;

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
 * <p>The hash is MurmurHash3 x64 128-bit (Austin Appleby's published algorithm and constants, public domain) over
 * the parts in order, each written as its length in one 64-bit little-endian word and then its UTF-16 code units,
 * little-endian, zero-padded to a whole word: lengths first, so no two identities give one stream.
 */
record SeriesKey(long tenantId, long high, long low) {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    static SeriesKey of(long tenantId, PushedSeries series) {
        Murmur3 hash = new Murmur3();
        hash.part(series.name());
        for (Map.Entry<String, String> label : series.labels().entrySet()) {
            hash.part(label.getKey());
            hash.part(label.getValue());
        }
        return hash.key(tenantId);
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

    /** MurmurHash3 x64 128 fed one 64-bit word at a time: two words make one of its 16-byte blocks. */
    private static final class Murmur3 {

        private long h1;
        private long h2;
        private long pending;
        private boolean hasPending;
        private long bytes;

        void part(String text) {
            int length = text.length();
            word(length);
            int i = 0;
            for (; i + 4 <= length; i += 4) {
                word(text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32 | (long) text.charAt(i + 3) << 48);
            }
            if (i < length) {
                long w = 0;
                for (int shift = 0; i < length; i++, shift += 16) {
                    w |= (long) text.charAt(i) << shift;
                }
                word(w);
            }
        }

        private void word(long w) {
            bytes += 8;
            if (!hasPending) {
                pending = w;
                hasPending = true;
                return;
            }
            hasPending = false;
            h1 ^= mixK1(pending);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(w);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }

        SeriesKey key(long tenantId) {
            if (hasPending) {
                // A tail of 8 bytes: the first half of a block, mixed into h1 only.
                h1 ^= mixK1(pending);
            }
            h1 ^= bytes;
            h2 ^= bytes;
            h1 += h2;
            h2 += h1;
            h1 = fmix(h1);
            h2 = fmix(h2);
            h1 += h2;
            h2 += h1;
            return new SeriesKey(tenantId, h1, h2);
        }

        private static long mixK1(long k1) {
            return Long.rotateLeft(k1 * C1, 31) * C2;
        }

        private static long mixK2(long k2) {
            return Long.rotateLeft(k2 * C2, 33) * C1;
        }

        private static long fmix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            k *= 0xc4ceb9fe1a85ec53L;
            return k ^ k >>> 33;
        }
    }
}
