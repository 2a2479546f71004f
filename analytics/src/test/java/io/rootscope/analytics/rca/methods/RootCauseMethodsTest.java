package io.rootscope.analytics.rca.methods;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RootCauseMethodsTest {

    @Test
    void everyNamedMethodIsCreatedWithDefaults() {
        assertEquals(List.of("automap", "automap-robust", "nsigma", "baro", "pagerank", "multimodal", "default"),
                RootCauseMethods.names());
        for (String name : RootCauseMethods.names()) {
            String built = RootCauseMethods.create(name, Map.of()).name();
            assertTrue(name.equals(RootCauseMethods.DEFAULT) || built.equals(name), name);
        }
    }

    @Test
    void unknownNamesAndKeysAreRejectedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RootCauseMethods.create("autmap", Map.of()));
        assertTrue(e.getMessage().contains("automap-robust"));
        e = assertThrows(IllegalArgumentException.class,
                () -> RootCauseMethods.create("automap", Map.of("rhoo", "0.1")));
        assertTrue(e.getMessage().contains("rhoo") && e.getMessage().contains("rho"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RootCauseMethods.create("automap", Map.of("rho", "x")));
    }
}
