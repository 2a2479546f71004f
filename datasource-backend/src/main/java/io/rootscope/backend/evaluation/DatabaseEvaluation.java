package io.rootscope.backend.evaluation;

import io.rootscope.analytics.evaluation.CaseDirectoryReader;
import io.rootscope.analytics.evaluation.CaseResult;
import io.rootscope.analytics.evaluation.Evaluation;
import io.rootscope.analytics.evaluation.FaultCase;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.ingest.csv.CaseDescription;
import io.rootscope.backend.ingest.csv.CaseDirectoryImporter;
import io.rootscope.backend.ingest.csv.CaseImportResult;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.rca.RcaService;
import io.rootscope.backend.refusal.InvalidInputException;
import io.rootscope.backend.tenancy.Tenants;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Diagnoses a case twice with one method — through the database as the backend does for an incident, and in memory as
 * {@code ./rootscope eval} does — so the two top-1s can be compared. Through the database: the case is imported under a
 * tenant of its own ({@link CaseDirectoryImporter}: metrics, and logs and spans through the production ingest), so Drain
 * trees and topology never mix between cases, then ranked by {@link RcaService} over the case's window: from the start of
 * its normal period to the end of its anomalous one (of their metric samples), the anomaly starting at the case's first anomalous record as
 * {@link CaseDirectoryReader} finds it, the front-end being the case's front-end service. Ranked URNs are mapped back
 * to service names. Each run uses a fresh method (a learning method learns nothing across cases in either run).
 */
public final class DatabaseEvaluation {

    /** The two diagnoses of one case, and its import. */
    public record Outcome(CaseResult database, CaseResult memory, CaseImportResult imported, Optional<String> databaseProblem) {

        /** Whether both runs put the same service first (two runs that rank nothing agree). */
        public boolean agree() {
            return top1(database).equals(top1(memory));
        }

        public static String top1(CaseResult result) {
            return result.top().isEmpty() ? "-" : result.top().get(0);
        }
    }

    private final DSLContext db;
    private final String method;
    private final CaseDirectoryImporter importer;
    private final RcaService rca;
    private int casesSeen;

    /** @throws IllegalArgumentException for an unknown method */
    public DatabaseEvaluation(DataSource dataSource, String method) {
        RootCauseMethods.create(method, Map.of());
        this.db = DSL.using(dataSource, SQLDialect.POSTGRES);
        this.method = method;
        ResourceResolver resources = new ResourceResolver(dataSource);
        this.importer = new CaseDirectoryImporter(dataSource, resources, new TelemetryIngestor(dataSource, resources));
        this.rca = new RcaService(db);
    }

    public Outcome evaluate(Path caseDirectory) throws IOException, SQLException {
        FaultCase fault = new CaseDirectoryReader().read(caseDirectory);
        CaseResult memory = inMemory(fault);
        CaseDescription description = CaseDirectoryImporter.describe(caseDirectory);
        long tenantId = new Tenants(db).add("case-" + (++casesSeen), fault.id()).id();
        CaseImportResult imported = importer.importCase(caseDirectory, tenantId);
        if (imported.from() == null) {
            return new Outcome(result(fault, List.of(), 0), memory, imported, Optional.of("the case has no usable metric samples"));
        }
        Optional<Instant> anomalyStart = fault.window().anomalyStart().isPresent()
                ? Optional.of(Instant.ofEpochSecond(fault.window().anomalyStart().getAsLong())) : Optional.empty();
        String frontend = Urn.k8sService(description.system(), description.frontendService()).format();
        // The metrics' period, as the in-memory window's grid: its last cell lasts one sampling interval, so the window
        // ends one interval after the last sample (exclusive) and holds the logs and spans of that cell too. Logs and spans
        // lie inside it in the shared cases, except a line of year 1754 in some Train Ticket files; a window reaching back
        // to it would widen the grid's step to centuries.
        Instant to = imported.to().plusSeconds(description.samplingInterval());
        RcaService.RcaRequest request = new RcaService.RcaRequest("case-" + casesSeen, tenantId, Optional.empty(), frontend,
                imported.from(), to, anomalyStart, method);
        long started = System.nanoTime();
        try {
            RcaService.RankedDiagnosis diagnosis = rca.find(db, request);
            double millis = (System.nanoTime() - started) / 1e6;
            List<String> ranking = diagnosis.ranking().stream().map(c -> serviceName(c.urn())).toList();
            return new Outcome(result(fault, ranking, millis), memory, imported, Optional.empty());
        } catch (InvalidInputException e) {
            return new Outcome(result(fault, List.of(), (System.nanoTime() - started) / 1e6), memory, imported,
                    Optional.of(e.getMessage()));
        }
    }

    private CaseResult inMemory(FaultCase fault) {
        long started = System.nanoTime();
        Diagnosis diagnosis = RootCauseMethods.create(method, Map.of()).rank(fault.window());
        double millis = (System.nanoTime() - started) / 1e6;
        return result(fault, diagnosis.ranking().stream().map(RankedService::service).toList(), millis);
    }

    /** A case's figures from a ranking of service names. */
    private static CaseResult result(FaultCase fault, List<String> ranking, double millis) {
        int rank = ranking.indexOf(fault.rootCauseService()) + 1;
        return new CaseResult(fault.id(), fault.faultType(), fault.rootCauseService(), rank, millis,
                ranking.stream().limit(Evaluation.TOP_KEPT).toList());
    }

    /** The service of a service URN ({@code urn:k8s:svc:<system>/<service>}); other URNs as they are. */
    static String serviceName(String urn) {
        try {
            return Urn.parse(urn).name();
        } catch (IllegalArgumentException e) {
            return urn;
        }
    }
}
