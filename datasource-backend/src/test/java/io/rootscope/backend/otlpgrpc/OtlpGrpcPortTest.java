package io.rootscope.backend.otlpgrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.testing.TestDatabase;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code ROOTSCOPE_OTLP_GRPC_PORT}: 4317 by default, 0 any free port, {@code off} no gRPC listener; anything else refused. */
class OtlpGrpcPortTest {

    private static final String KEY = ConfigKey.OTLP_GRPC_PORT.key();

    @Test
    void theDefaultIsOtlpsPortZeroAnyFreeOneAndOffNone() {
        assertEquals(OptionalInt.of(4317), BackendConfig.load(Map.of()).otlpGrpcPort());
        assertEquals(OptionalInt.of(0), BackendConfig.load(Map.of(KEY, "0")).otlpGrpcPort());
        assertEquals(OptionalInt.empty(), BackendConfig.load(Map.of(KEY, "off")).otlpGrpcPort());
        assertEquals(OptionalInt.empty(), BackendConfig.load(Map.of(KEY, " OFF ")).otlpGrpcPort());
    }

    @Test
    void anotherValueIsRefusedNamingTheKey() {
        for (String bad : new String[] {"grpc", "-1", "65536"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> BackendConfig.load(Map.of(KEY, bad)));
            assertEquals(KEY + " must be a port from 0 to 65535 or off, got '" + bad + "'", refused.getMessage());
        }
    }

    @Test
    void aBackendWithGrpcOffOpensNoGrpcListenerAndOneOnPortZeroOpensAFreePort() {
        TestDatabase database = TestDatabase.shared();
        try (HikariDataSource reader = DataSourceFactory.create(database.readerSettings(), "grpc-port-reader")) {
            try (Backend off = Backend.serve(database.backendConfig(Map.of(KEY, "off")), database.dataSource(), reader)) {
                assertEquals(OptionalInt.empty(), off.otlpGrpcPort());
            }
            try (Backend any = Backend.serve(database.backendConfig(Map.of()), database.dataSource(), reader)) {
                assertTrue(any.otlpGrpcPort().orElseThrow() > 0, "a free port was chosen: " + any.otlpGrpcPort());
            }
        }
    }
}
