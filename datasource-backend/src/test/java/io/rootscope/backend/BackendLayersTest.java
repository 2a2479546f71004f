package io.rootscope.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The backend's layers, as each package's {@code package-info} states them: the entry points, the composition root and
 * the configuration (the root package and {@code config}) over the request entry ({@code http}: server, route table,
 * error mapper, controllers; {@code otlpgrpc}: the OTLP/gRPC server, which takes authentication, tenants and OTLP answers
 * from {@code http}) and the message entry ({@code kafka}: consumers and publisher), over the services, over storage ({@code db}, {@code etl.write}, {@code graph}), over the
 * support every layer may use ({@code admission}, {@code json}, {@code refusal}, {@code protocol}). A package may use its own layer and
 * those below it, and no two packages depend on each other, however indirectly. The generated jOOQ classes are not
 * checked (they are storage, and their own cycles are jOOQ's).
 */
@AnalyzeClasses(packages = "io.rootscope.backend",
        importOptions = {ImportOption.DoNotIncludeTests.class, BackendLayersTest.NotGenerated.class})
class BackendLayersTest {

    private static final String BACKEND = "io.rootscope.backend";

    /** The jOOQ classes generated from the schema. */
    static final class NotGenerated implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/io/rootscope/backend/db/schema/");
        }
    }

    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = slices().matching(BACKEND + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule everyPackageIsFreeOfCycles = slices().matching(BACKEND + ".(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitecture()
            .layer("Entry").definedBy(BACKEND, BACKEND + ".config..")
            .layer("Request entry").definedBy(BACKEND + ".http..", BACKEND + ".otlpgrpc..")
            .layer("Message entry").definedBy(BACKEND + ".kafka..")
            .layer("Services").definedBy(BACKEND + ".alerts..", BACKEND + ".detection..", BACKEND + ".etl.aggregate..",
                    BACKEND + ".etl.parse..", BACKEND + ".etl.prometheus..", BACKEND + ".etl.pushed..", BACKEND + ".etl.runtime..",
                    BACKEND + ".etl.topology..", BACKEND + ".evaluation..", BACKEND + ".incident..", BACKEND + ".ingest..", BACKEND + ".knowledge..",
                    BACKEND + ".lifecycle..", BACKEND + ".query..", BACKEND + ".rca..", BACKEND + ".tenancy..")
            .layer("Storage").definedBy(BACKEND + ".db..", BACKEND + ".etl.write..", BACKEND + ".graph..")
            .layer("Support").definedBy(BACKEND + ".admission..", BACKEND + ".json..", BACKEND + ".refusal..", BACKEND + ".protocol..")
            .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
            .whereLayer("Request entry").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Message entry").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Services").mayOnlyBeAccessedByLayers("Entry", "Request entry", "Message entry")
            .whereLayer("Storage").mayOnlyBeAccessedByLayers("Entry", "Request entry", "Message entry", "Services")
            .whereLayer("Support").mayOnlyBeAccessedByLayers("Entry", "Request entry", "Message entry", "Services", "Storage");

    /** Only the message entry sees Kafka's clients: services are called with values. */
    @ArchTest
    static final ArchRule onlyTheMessageEntrySeesKafka = noClasses()
            .that().resideOutsideOfPackages(BACKEND + ".kafka..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..");

    /** Only the request entry (and the entry layer, which starts the server) sees a request: services are called with values. */
    @ArchTest
    static final ArchRule onlyTheRequestEntrySeesHttp = noClasses()
            .that().resideOutsideOfPackages(BACKEND, BACKEND + ".config..", BACKEND + ".http..", BACKEND + ".otlpgrpc..")
            .should().dependOnClassesThat().resideInAnyPackage(BACKEND + ".http..", "io.javalin..", "jakarta.servlet..",
                    "org.eclipse.jetty..");

    /** The gRPC entry uses {@code http}'s authentication, tenants and OTLP answers, never its server. */
    @ArchTest
    static final ArchRule theGrpcEntrySeesNoHttpServer = noClasses()
            .that().resideInAPackage(BACKEND + ".otlpgrpc..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..");

    /** Only the gRPC entry (and the entry layer, which starts its server) sees gRPC: services are called with messages. */
    @ArchTest
    static final ArchRule onlyTheGrpcEntrySeesGrpc = noClasses()
            .that().resideOutsideOfPackages(BACKEND, BACKEND + ".otlpgrpc..")
            .should().dependOnClassesThat().resideInAnyPackage("io.grpc..");
}
