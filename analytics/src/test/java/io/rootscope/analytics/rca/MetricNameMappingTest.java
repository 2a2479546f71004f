package io.rootscope.analytics.rca;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricNameMappingTest {

    @Test
    void defaultRulesMapSockShopNamesAndPreferP90Latency() {
        MetricNameMapping m = MetricNameMapping.defaults();
        assertEquals(MetricType.CPU, m.map("cpu").type());
        assertEquals(MetricType.MEMORY, m.map("mem").type());
        assertEquals(MetricType.THROUGHPUT, m.map("lod").type());
        assertEquals(MetricType.LATENCY, m.map("lat_50").type());
        assertTrue(m.map("lat_90").preference() < m.map("lat_50").preference());
        assertEquals(m.map("lat_50").preference(), m.map("lat_99").preference());
    }

    @Test
    void unmatchedNamesBecomeTheirOwnTypeAndCustomRulesApply() {
        assertEquals(new MetricType("gc_pause"), MetricNameMapping.defaults().map("GC_pause").type());
        MetricNameMapping custom = MetricNameMapping.parse("io=disk_.*; availability=ok_ratio");
        assertEquals(MetricType.IO, custom.map("disk_read").type());
        assertEquals(MetricType.AVAILABILITY, custom.map("OK_RATIO").type());
    }

    @Test
    void rejectsMalformedRules() {
        assertThrows(IllegalArgumentException.class, () -> MetricNameMapping.parse("cpu"));
        assertThrows(IllegalArgumentException.class, () -> MetricNameMapping.parse("cpu=("));
        assertThrows(IllegalArgumentException.class, () -> MetricNameMapping.parse("=cpu"));
    }
}
