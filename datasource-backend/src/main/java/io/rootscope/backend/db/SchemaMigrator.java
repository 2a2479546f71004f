package io.rootscope.backend.db;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations of {@code sql/migrations} (packaged as {@code db/migration}) to the
 * {@code rootscope} schema. The placeholders size the vector columns and set the retention of each
 * time-series table; they are fixed by the first migration that uses them.
 */
public final class SchemaMigrator {

    public static final String SCHEMA = "rootscope";
    public static final Map<String, String> PLACEHOLDERS_DEFAULT = Map.of(
            "embedding_dim", "384",
            "anomaly_profile_dim", "64",
            "metric_sample_retention", "7 days",
            "metric_1m_retention", "180 days",
            "metric_1h_retention", "730 days",
            "service_call_5m_retention", "365 days",
            "log_pattern_5m_retention", "180 days");

    private final DataSource dataSource;
    private final Map<String, String> placeholders;

    public SchemaMigrator(DataSource dataSource) {
        this(dataSource, Map.of());
    }

    /** @param overrides placeholder values replacing the defaults; unknown names are rejected */
    public SchemaMigrator(DataSource dataSource, Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (!PLACEHOLDERS_DEFAULT.containsKey(name)) {
                throw new IllegalArgumentException("unknown migration placeholder '" + name
                        + "'; known: " + PLACEHOLDERS_DEFAULT.keySet());
            }
        }
        this.dataSource = dataSource;
        this.placeholders = new HashMap<>(PLACEHOLDERS_DEFAULT);
        this.placeholders.putAll(overrides);
    }

    public MigrateResult migrate() {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/migration")
                .placeholders(placeholders)
                .failOnMissingLocations(true)
                .outputQueryResults(false)
                .load()
                .migrate();
    }
}
