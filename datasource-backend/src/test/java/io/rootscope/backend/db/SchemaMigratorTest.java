package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.config.BackendConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

    @Test
    void rejectsAnUnknownPlaceholder() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SchemaMigrator(null, Map.of("embeding_dim", "8")));
        assertTrue(error.getMessage().contains("embeding_dim"), error.getMessage());
    }

    @Test
    void settingsRejectANonPostgresUrlAndABadPoolSize() {
        assertThrows(IllegalArgumentException.class, () -> BackendConfig.load(Map.of("ROOTSCOPE_JDBC_URL", "jdbc:h2:mem:x")));
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.load(Map.of("ROOTSCOPE_DB_POOL_SIZE", "ten")));
        assertTrue(pool.getMessage().contains("ROOTSCOPE_DB_POOL_SIZE"), pool.getMessage());
    }
}
