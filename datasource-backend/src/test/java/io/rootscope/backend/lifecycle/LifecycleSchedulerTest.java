package io.rootscope.backend.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class LifecycleSchedulerTest {

    @Test
    void runsEachNonNativeJobOnceUntilItIsDueAgain() throws SQLException {
        try (TestDatabase database = TestDatabase.createMigrated()) {
            DataSource db = database.dataSource();
            long nonNative = Long.parseLong(Rows.single(db, "SELECT count(*) FROM lifecycle_job WHERE NOT native"));
            LifecycleScheduler scheduler = new LifecycleScheduler(db);

            Map<String, String> first = scheduler.runDueJobs();
            assertEquals(nonNative, first.size(), first.toString());
            // The Apache build's retention jobs drop chunks; metric_revision's job (either license) deletes rows.
            if (first.containsKey("retention_metric_sample")) {
                assertTrue(first.get("retention_metric_sample").startsWith("dropped "), first.toString());
            }
            assertTrue(first.get("retention_metric_revision").startsWith("deleted "), first.toString());
            assertEquals(Map.of(), scheduler.runDueJobs(), "nothing is due again before its schedule");
        }
    }

    @Test
    void rejectsANonPositivePeriod() {
        assertThrows(IllegalArgumentException.class, () -> new LifecycleScheduler(null, Duration.ZERO));
    }
}
