package io.rootscope.analytics.rca.automap;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnomalyProfileTest {

    @Test
    void cosineSimilarityOverServiceAndTypeEntries() {
        AnomalyProfile a = new AnomalyProfile(List.of(new ServiceProfile("x", Map.of("cpu", 1.0, "memory", 0.0)),
                new ServiceProfile("y", Map.of("cpu", 1.0))));
        AnomalyProfile b = new AnomalyProfile(List.of(new ServiceProfile("x", Map.of("cpu", 1.0)),
                new ServiceProfile("z", Map.of("cpu", 1.0))));
        assertEquals(0.5, a.cosineSimilarity(b), 1e-12);
        assertEquals(1.0, a.cosineSimilarity(a), 1e-12);
        assertEquals(0.0, a.cosineSimilarity(new AnomalyProfile(List.of())), 1e-12);
    }
}
