package io.rootscope.backend.rca;

import io.rootscope.backend.rca.RcaService.RankedDiagnosis;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Ad-hoc diagnoses (panels over a range, or an incident with another method or anomaly start) kept in memory by
 * tenant and input hash, which covers the revisions of the window's data and call graph, so changed data misses.
 * Bounded by an estimate of their size; the least recently used are dropped first. Nothing is written to the database.
 */
final class DiagnosisCache {

    /** Per candidate: its row, URN and per-metric contributions as a small JSON tree. */
    private static final long CANDIDATE_BYTES = 1024;
    private static final long ENTRY_BYTES = 512;

    private final long maxBytes;
    private final LinkedHashMap<String, RankedDiagnosis> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    DiagnosisCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Optional<RankedDiagnosis> get(long tenantId, String inputHash) {
        return Optional.ofNullable(entries.get(key(tenantId, inputHash)));
    }

    synchronized void put(long tenantId, String inputHash, RankedDiagnosis diagnosis) {
        long weight = weight(diagnosis);
        if (weight > maxBytes) {
            return;
        }
        RankedDiagnosis previous = entries.put(key(tenantId, inputHash), diagnosis);
        bytes += weight - (previous == null ? 0 : weight(previous));
        for (Iterator<Map.Entry<String, RankedDiagnosis>> eldest = entries.entrySet().iterator(); bytes > maxBytes && eldest.hasNext(); ) {
            bytes -= weight(eldest.next().getValue());
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    /** Java strings of Latin text take a byte per character; the explanation is most of an entry (~50 KB for 50 services). */
    static long weight(RankedDiagnosis diagnosis) {
        return ENTRY_BYTES + diagnosis.explanation().length() + CANDIDATE_BYTES * diagnosis.ranking().size();
    }

    private static String key(long tenantId, String inputHash) {
        return tenantId + ":" + inputHash;
    }
}
