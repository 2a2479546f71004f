package io.rootscope.backend.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.json.Json;
import io.rootscope.backend.rca.RcaService.Candidate;
import io.rootscope.backend.rca.RcaService.RankedDiagnosis;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisCacheTest {

    private static RankedDiagnosis diagnosis(int explanationChars) {
        return new RankedDiagnosis(null, "h", false, "automap",
                List.of(new Candidate(1, "urn:k8s:svc:shop/payment", 0.9, Json.MAPPER.createObjectNode())),
                new StoredJson("{\"paths\":\"" + "x".repeat(explanationChars) + "\"}"), 1.0, LearningVersion.NONE);
    }

    @Test
    void theLeastRecentlyUsedAreDroppedPastTheBound() {
        long weight = DiagnosisCache.weight(diagnosis(10_000));
        DiagnosisCache cache = new DiagnosisCache(3 * weight);
        cache.put(1, "a", diagnosis(10_000));
        cache.put(1, "b", diagnosis(10_000));
        cache.put(1, "c", diagnosis(10_000));
        assertTrue(cache.get(1, "a").isPresent(), "a used: b is now the eldest");
        cache.put(1, "d", diagnosis(10_000));
        assertEquals(3, cache.size());
        assertTrue(cache.get(1, "b").isEmpty());
        assertTrue(cache.get(1, "a").isPresent());
        assertTrue(cache.bytes() <= 3 * weight);
    }

    @Test
    void entriesAreKeptPerTenantAndOneLargerThanTheBoundIsNotKept() {
        DiagnosisCache cache = new DiagnosisCache(DiagnosisCache.weight(diagnosis(100)) * 4);
        cache.put(1, "a", diagnosis(100));
        assertTrue(cache.get(2, "a").isEmpty(), "another tenant's input hash");
        cache.put(1, "huge", diagnosis(1_000_000));
        assertTrue(cache.get(1, "huge").isEmpty());
        assertTrue(cache.get(1, "a").isPresent());
        assertEquals(DiagnosisCache.weight(diagnosis(100)), cache.bytes());
    }

    @Test
    void aZeroBoundKeepsNothing() {
        DiagnosisCache cache = new DiagnosisCache(0);
        cache.put(1, "a", diagnosis(1));
        assertEquals(0, cache.size());
    }
}
