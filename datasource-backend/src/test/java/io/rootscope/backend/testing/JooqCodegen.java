package io.rootscope.backend.testing;

import java.nio.file.Path;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Generates the jOOQ classes of the {@code rootscope} schema from a freshly migrated real database
 * ({@code ./rootscope db codegen}). The output is committed under {@link #PACKAGE} in {@link #SOURCE_ROOT}, a source
 * root of its own (build-helper's add-source in the backend's pom) so the hand-written code in {@code src/main/java}
 * is read without it; {@code GeneratedSchemaTest} fails when it no longer matches the migrations.
 */
public final class JooqCodegen {

    public static final String PACKAGE = "io.rootscope.backend.db.schema";
    /** The generated classes' source root, relative to the repository root. */
    public static final String SOURCE_ROOT = "datasource-backend/src/generated/java";

    private JooqCodegen() {
    }

    public static void main(String[] args) throws Exception {
        Path sourceRoot = RepositoryRoot.find().resolve(SOURCE_ROOT);
        try (TestDatabase database = TestDatabase.createEmpty()) {
            database.migrator(java.util.Map.of()).migrate();
            generate(database, sourceRoot);
        }
        System.out.println("generated " + PACKAGE + " under " + sourceRoot);
    }

    /** Writes the generated sources of {@code database} below {@code sourceRoot}. */
    public static void generate(TestDatabase database, Path sourceRoot) throws Exception {
        var settings = database.settings(TestDatabase.APP_ROLE, System.getenv().getOrDefault("ROOTSCOPE_DB_PASSWORD", "rootscope"));
        GenerationTool.generate(new Configuration()
                .withLogging(org.jooq.meta.jaxb.Logging.WARN)
                .withJdbc(new Jdbc().withUrl(settings.jdbcUrl()).withUser(settings.user()).withPassword(settings.password()))
                .withGenerator(new Generator()
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("rootscope")
                                .withOutputSchemaToDefault(false)
                                .withExcludes("flyway_schema_history")
                                .withIncludeRoutines(false))
                        .withGenerate(new Generate()
                                .withGeneratedAnnotation(false)
                                .withJavaTimeTypes(true)
                                .withRecords(true)
                                .withPojos(false)
                                .withComments(true)
                                .withImplicitJoinPathsToMany(false))
                        .withTarget(new Target()
                                .withPackageName(PACKAGE)
                                .withDirectory(sourceRoot.toString())
                                .withClean(true))));
    }
}
