package io.rootscope.backend;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.SchemaMigrator;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** {@code ./rootscope db migrate}: applies the migrations to the configured database, as the writer's role. */
public final class MigrateCommand {

    private MigrateCommand() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("usage: rootscope db migrate (configured by ROOTSCOPE_JDBC_URL, ROOTSCOPE_DB_USER, ROOTSCOPE_DB_PASSWORD)");
            System.exit(2);
        }
        BackendConfig config = BackendConfig.forCommand("db migrate");
        try (HikariDataSource dataSource = DataSourceFactory.create(config.database().writer(), "migrate")) {
            MigrateResult result = new SchemaMigrator(dataSource).migrate();
            System.out.printf("rootscope db migrate: %d migration(s) applied, schema version %s%n",
                    result.migrationsExecuted, result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
        } catch (IllegalArgumentException | FlywayException | IllegalStateException e) {
            System.err.println("rootscope db migrate: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            // Hikari reports an unreachable database as a PoolInitializationException with the driver's cause.
            System.err.println("rootscope db migrate: cannot connect: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            System.exit(1);
        }
    }
}
