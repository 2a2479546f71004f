package io.rootscope.backend.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.db.SchemaMigrator;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseEvaluationTest {

    private static final String FIXTURE = "/nezha-tt-multimodal/train-ticket-2023-01-29-06-ts-basic-service-exception";

    private TestDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.createEmpty();
        new SchemaMigrator(database.dataSource()).migrate();
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void theDatabaseWindowIsTheInMemoryOneEvenWithALogLineCenturiesOld(@TempDir Path dir) throws Exception {
        try (Stream<Path> files = Files.list(Path.of(DatabaseEvaluationTest.class.getResource(FIXTURE).toURI()))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        // As some Train Ticket files have: a line stamped in 1754.
        Files.writeString(dir.resolve("normal_logs.csv"), "-6795364578.871,ts-basic-service,17:00:00.000 INFO  a line of 1754\n",
                StandardOpenOption.APPEND);
        // A metric-only method: its ranking depends on the window's grid alone.
        DatabaseEvaluation evaluation = new DatabaseEvaluation(database.dataSource(), "nsigma");

        DatabaseEvaluation.Outcome outcome = evaluation.evaluate(dir);

        assertEquals(Optional.empty(), outcome.databaseProblem());
        assertEquals(301, outcome.imported().telemetry().logEvents(), "the old line is stored too");
        assertTrue(!outcome.memory().top().isEmpty());
        assertEquals(outcome.memory().top(), outcome.database().top(), "the same window gives the same top 5");
        assertEquals(outcome.memory().rank(), outcome.database().rank());
        assertTrue(outcome.agree());
        assertEquals("case-1|train-ticket-2023-01-29-06-ts-basic-service-exception",
                Rows.single(database.dataSource(), "SELECT code || '|' || name FROM dim_tenant WHERE code LIKE 'case-%'"));
    }
}
