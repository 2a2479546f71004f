package io.rootscope.backend.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.schema.tables.records.RunbookSearchRecord;
import io.rootscope.backend.testing.AnalystRoles;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.StoredDiagnoses;
import io.rootscope.backend.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a runbook folder into a tenant, reloading it as files change, and the hybrid search over what was loaded. */
class RunbookLoaderTest {

    private static final SentenceEmbedder EMBEDDER = new SentenceEmbedder();
    private static DataSource db;
    private static DSLContext dsl;

    @TempDir
    Path folder;

    @BeforeAll
    static void open() {
        db = TestDatabase.shared().dataSource();
        dsl = DSL.using(db, SQLDialect.POSTGRES);
    }

    @Test
    void aReloadAddsNewFilesReplacesChangedOnesSkipsUnchangedOnesAndRemovesDeletedOnes() throws Exception {
        String tenant = tenant();
        RunbookLoader loader = new RunbookLoader(dsl, EMBEDDER);
        Files.writeString(folder.resolve("disk.md"), "# Disk full\n\n## Check\ndf -h\n");
        Files.createDirectories(folder.resolve("k8s"));
        Files.writeString(folder.resolve("k8s/cpu.yaml"), "name: cpu_high\ntrigger: CPU above 90%\nsteps: [kubectl top pod]\n");
        Files.writeString(folder.resolve("ignored.txt"), "not a runbook");

        RunbookLoader.LoadReport first = loader.load(folder, tenant);
        assertEquals(List.of("disk.md", "k8s/cpu.yaml"), first.added());
        assertEquals(List.of("Disk full|Check|0", "cpu_high|Trigger|0", "cpu_high|Step 1|1"), chunks(tenant));
        List<String> chunkIds = Rows.column(db, "SELECT chunk_id FROM kb_chunk c JOIN kb_doc d USING (doc_id) WHERE d.source = 'runbook:k8s/cpu.yaml'"
                + " AND d.tenant_id = " + tenantId(tenant) + " ORDER BY chunk_id");

        RunbookLoader.LoadReport unchanged = loader.load(folder, tenant);
        assertEquals(List.of("disk.md", "k8s/cpu.yaml"), unchanged.unchanged());
        assertEquals(List.of(), unchanged.added());
        assertEquals(List.of(), unchanged.changed());

        Files.writeString(folder.resolve("disk.md"), "# Disk full\n\n## Check\ndf -h\n\n## Free space\njournalctl --vacuum-time=7d\n");
        Files.delete(folder.resolve("k8s/cpu.yaml"));
        RunbookLoader.LoadReport changed = loader.load(folder, tenant);
        assertEquals(List.of("disk.md"), changed.changed());
        assertEquals(List.of("k8s/cpu.yaml"), changed.removed());
        assertEquals(List.of("Disk full|Check|0", "Disk full|Free space|1"), chunks(tenant));
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM kb_chunk WHERE chunk_id IN (" + String.join(",", chunkIds) + ")"));
    }

    @Test
    void aBadFileIsNamedAndChangesNothing() throws Exception {
        String tenant = tenant();
        RunbookLoader loader = new RunbookLoader(dsl, EMBEDDER);
        Files.writeString(folder.resolve("disk.md"), "# Disk full\n\n## Check\ndf -h\n");
        loader.load(folder, tenant);
        Files.writeString(folder.resolve("disk.md"), "# Disk full\n\n## Check\ndu -sh /var\n");
        Files.writeString(folder.resolve("broken.yaml"), "name: broken\nsteps: [x]\n");
        InvalidRunbookException refused = assertThrows(InvalidRunbookException.class, () -> loader.load(folder, tenant));
        assertTrue(refused.getMessage().contains("broken.yaml: trigger: missing"), refused.getMessage());
        assertEquals(List.of("Disk full — Check\ndf -h"), Rows.column(db, "SELECT content FROM kb_chunk c JOIN kb_doc d USING (doc_id)"
                + " WHERE d.tenant_id = " + tenantId(tenant) + " AND c.section = 'Check'"));
        assertEquals("unknown tenant 'no-such-tenant'",
                assertThrows(IllegalArgumentException.class, () -> loader.load(folder, "no-such-tenant")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> loader.load(folder.resolve("absent"), tenant)).getMessage()
                .startsWith("not a folder: "));
    }

    @Test
    void anExactMetricNameWinsTheHybridRanking() throws Exception {
        String tenant = tenant();
        Files.writeString(folder.resolve("storage.md"), """
                # Slow storage
                ## Symptoms
                Writes are slow; check container_fs_writes_bytes_total for the pod.
                """);
        Files.writeString(folder.resolve("memory.md"), """
                # Container memory grows
                ## Symptoms
                The container's memory usage grows until it is killed; writes of bytes to the heap never stop.
                """);
        Files.writeString(folder.resolve("network.md"), """
                # Network bytes dropped
                ## Symptoms
                Bytes written to the network are dropped and retransmitted.
                """);
        new RunbookLoader(dsl, EMBEDDER).load(folder, tenant);
        List<RunbookSearchRecord> found = new RunbookFinder(EMBEDDER).search(dsl, tenant, "container_fs_writes_bytes_total", 3);
        assertEquals("Slow storage", found.get(0).getTitle());
        assertEquals(1, found.get(0).getTextRank());
        assertEquals(3, found.size());
        // Full text alone (no embedding): the words of the term are OR-ed, the passage holding them all together first.
        assertEquals("Slow storage", Rows.column(db, "SELECT title FROM rootscope.runbook_search('" + tenant
                + "', 'container_fs_writes_bytes_total')").get(0));
    }

    @Test
    void aTenantSearchesOnlyItsOwnRunbooks() throws Exception {
        String mine = tenant();
        String other = tenant();
        Path otherFolder = Files.createDirectory(folder.resolve("other"));
        Path myFolder = Files.createDirectory(folder.resolve("mine"));
        Files.writeString(otherFolder.resolve("cpu.md"), "# CPU saturation\n## Check\nkubectl top pod; the CPU is saturated\n");
        Files.writeString(myFolder.resolve("disk.md"), "# Disk full\n## Check\ndf -h\n");
        RunbookLoader loader = new RunbookLoader(dsl, EMBEDDER);
        loader.load(otherFolder, other);
        loader.load(myFolder, mine);
        List<RunbookSearchRecord> found = new RunbookFinder(EMBEDDER).search(dsl, mine, "CPU saturated", 5);
        assertEquals(List.of("Disk full"), found.stream().map(RunbookSearchRecord::getTitle).toList());
        // Loading one tenant's folder leaves the other's runbooks alone.
        assertNotEquals("0", Rows.single(db, "SELECT count(*) FROM kb_doc WHERE tenant_id = " + tenantId(other)));
        // The read-only role, its session naming a tenant, sees no other tenant's runbooks even when it asks for them.
        try (HikariDataSource analyst = DataSourceFactory.create(AnalystRoles.forTenant(TestDatabase.shared(), mine), "analyst-kb")) {
            assertEquals(List.of(), Rows.column(analyst, "SELECT title FROM rootscope.runbook_search('" + other + "', 'CPU saturated')"));
            assertEquals(List.of("Disk full"), Rows.column(analyst, "SELECT title FROM rootscope.runbook_search('" + mine + "', 'disk full')"));
        }
    }

    private static String tenant() throws Exception {
        return StoredDiagnoses.newTenant(db, "kb");
    }

    private static String tenantId(String code) throws Exception {
        return Rows.single(db, "SELECT tenant_id FROM dim_tenant WHERE code = '" + code + "'");
    }

    private static List<String> chunks(String tenant) throws Exception {
        return Rows.column(db, "SELECT d.title || '|' || c.section || '|' || c.chunk_idx FROM kb_chunk c JOIN kb_doc d USING (doc_id)"
                + " WHERE d.tenant_id = " + tenantId(tenant) + " ORDER BY d.source, c.chunk_idx");
    }
}
