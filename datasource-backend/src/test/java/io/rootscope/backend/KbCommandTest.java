package io.rootscope.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.StoredDiagnoses;
import io.rootscope.backend.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./rootscope kb load}: its exit statuses, and that it loads into the tenant it names. */
class KbCommandTest {

    private final BackendConfig config = TestDatabase.shared().backendConfig(Map.of());

    @TempDir
    Path folder;

    @Test
    void loadsAFolderIntoTheNamedTenant() throws Exception {
        String tenant = StoredDiagnoses.newTenant(TestDatabase.shared().dataSource(), "cli");
        Files.writeString(folder.resolve("disk.md"), "# Disk full\n## Check\ndf -h\n");
        assertEquals(0, KbCommand.run(new String[] {"load", folder.toString(), "--tenant", tenant}, config));
        assertEquals("runbook:disk.md", Rows.single(TestDatabase.shared().dataSource(),
                "SELECT source FROM kb_doc d JOIN dim_tenant t USING (tenant_id) WHERE t.code = '" + tenant + "'"));
    }

    @Test
    void aBadFileExitsWithOneAndAUsageErrorWithTwo() throws Exception {
        String tenant = StoredDiagnoses.newTenant(TestDatabase.shared().dataSource(), "cli");
        Files.writeString(folder.resolve("broken.yaml"), "name: [unclosed\n");
        assertEquals(1, KbCommand.run(new String[] {"load", folder.toString(), "--tenant", tenant}, config));
        assertEquals(2, KbCommand.run(new String[] {}, config));
        assertEquals(2, KbCommand.run(new String[] {"unload", folder.toString()}, config));
        assertEquals(2, KbCommand.run(new String[] {"load"}, config));
        assertEquals(2, KbCommand.run(new String[] {"load", folder.toString(), "--tenant"}, config));
        assertEquals(2, KbCommand.run(new String[] {"load", folder.toString(), "--tenant", "no-such-tenant"}, config));
        assertEquals(2, KbCommand.run(new String[] {"load", folder.resolve("absent").toString(), "--tenant", tenant}, config));
    }
}
