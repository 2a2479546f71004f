package io.rootscope.analytics.logs;

import java.nio.charset.StandardCharsets;

/**
 * The stable id of a log template: the 64-bit FNV-1a hash (Fowler, Noll, Vo) of the template text's UTF-8 bytes.
 *
 * <p>It depends on nothing but the text, so the same template gets the same id in every run and process, and
 * the database can upsert log patterns by it idempotently. With 64 bits, a collision is expected only after
 * about 2<sup>32</sup> distinct templates (birthday bound). Time O(length of the text).
 */
public final class TemplateFingerprint {

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TemplateFingerprint() {
    }

    /** The fingerprint of a template text. */
    public static long of(String templateText) {
        long hash = FNV_OFFSET_BASIS;
        for (byte b : templateText.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** A fingerprint as 16 lower-case hex digits, zero-padded. */
    public static String hex(long fingerprint) {
        String digits = Long.toHexString(fingerprint);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
