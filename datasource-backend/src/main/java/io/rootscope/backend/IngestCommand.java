package io.rootscope.backend;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.etl.parse.MalformedPayloadException;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.etl.parse.ServiceRef;
import io.rootscope.backend.etl.runtime.TenantDirectory;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.ingest.csv.CaseDirectoryImporter;
import io.rootscope.backend.ingest.csv.CaseImportResult;
import io.rootscope.backend.ingest.csv.RejectedRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code ./rootscope ingest traces|logs|text|case PATH [--tenant CODE] [--service NAME] [--namespace NS]}: loads
 * telemetry from files, the same way the HTTP endpoints take it — OTLP/JSON traces or logs, plain text log lines,
 * or a case directory (normal.csv, anomalous.csv, case.json, and its logs and spans when it has them). Exit 0 when
 * records were kept, 1 when none were, 2 on a usage error.
 */
public final class IngestCommand {

    private static final String USAGE = "usage: rootscope ingest traces|logs|text|case PATH [--tenant CODE] [--service NAME] [--namespace NS]";

    private static final int REJECTS_SHOWN = 20;

    private IngestCommand() {
    }

    public static void main(String[] args) {
        List<String> positional = new ArrayList<>();
        String tenant = "default";
        Optional<String> service = Optional.empty();
        String namespace = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && i + 1 >= args.length) {
                fail(2, arg + " needs a value");
            }
            switch (arg) {
                case "--tenant" -> tenant = args[++i];
                case "--service" -> service = Optional.of(args[++i]);
                case "--namespace" -> namespace = args[++i];
                default -> {
                    if (arg.startsWith("--")) {
                        fail(2, "unknown option " + arg);
                    }
                    positional.add(arg);
                }
            }
        }
        if (positional.size() != 2) {
            fail(2, "expected a kind and a path");
        }
        String kind = positional.get(0);
        Path path = Path.of(positional.get(1));
        if (!Files.exists(path)) {
            fail(2, "no such file or directory: " + path);
        }
        String tenantCode = tenant;
        String serviceNamespace = namespace;
        BackendConfig config = BackendConfig.forCommand("ingest");
        try (HikariDataSource db = DataSourceFactory.create(config.database().writer(), "ingest")) {
            long tenantId = new TenantDirectory(DSL.using(db, SQLDialect.POSTGRES)).idOf(tenantCode)
                    .orElseThrow(() -> new IllegalArgumentException("--tenant: no tenant '" + tenantCode + "'"));
            ResourceResolver resources = new ResourceResolver(db);
            TelemetryIngestor ingestor = new TelemetryIngestor(db, resources);
            switch (kind) {
                case "traces", "logs" -> {
                    try (InputStream in = Files.newInputStream(path)) {
                        report(kind.equals("traces") ? ingestor.ingestTraces(tenantId, in) : ingestor.ingestLogs(tenantId, in));
                    }
                }
                case "text" -> {
                    Optional<ServiceRef> named = service.map(name -> new ServiceRef(name, serviceNamespace));
                    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                        report(ingestor.ingestTextLogs(tenantId, in, named));
                    }
                }
                case "case" -> {
                    CaseImportResult result = new CaseDirectoryImporter(db, resources, ingestor).importCase(path, tenantId);
                    System.out.println(result.summary());
                    printRejected(result.rejected().stream().map(RejectedRecord::toString).toList());
                    long kept = result.samplesAccepted() + result.telemetry().logsAccepted() + result.telemetry().spansAccepted();
                    System.exit(kept > 0 ? 0 : 1);
                }
                default -> fail(2, "unknown kind '" + kind + "'");
            }
        } catch (MalformedPayloadException | IllegalArgumentException e) {
            fail(1, e.getMessage());
        } catch (IOException | SQLException e) {
            fail(1, e.getMessage());
        } catch (UncheckedIOException e) {
            fail(1, e.getMessage() + ": " + e.getCause().getMessage());
        } catch (RuntimeException e) {
            fail(1, "cannot connect: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }

    private static void report(TelemetryIngestor.Summary summary) {
        System.out.printf("accepted %d records, staged %d rows, rejected %d, truncated %d%n", summary.accepted(), summary.staged(),
                summary.rejects().size(), summary.truncated());
        printRejected(summary.rejects().stream().map(ParseReject::toString).toList());
        System.exit(summary.accepted() > 0 || summary.rejects().isEmpty() ? 0 : 1);
    }

    /** The first rejections, each with where it is; the count is in the summary line. */
    private static void printRejected(List<String> rejects) {
        rejects.stream().limit(REJECTS_SHOWN).forEach(reject -> System.err.println("rejected " + reject));
        if (rejects.size() > REJECTS_SHOWN) {
            System.err.println("... and " + (rejects.size() - REJECTS_SHOWN) + " more rejected");
        }
    }

    private static void fail(int status, String message) {
        System.err.println("rootscope ingest: " + message);
        if (status == 2) {
            System.err.println(USAGE);
        }
        System.exit(status);
    }
}
