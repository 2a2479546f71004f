package io.rootscope.backend.db;

import static io.rootscope.backend.testing.IncidentScenario.CARTS;
import static io.rootscope.backend.testing.IncidentScenario.NODE;
import static io.rootscope.backend.testing.IncidentScenario.ORDERS;
import static io.rootscope.backend.testing.IncidentScenario.PAYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.testing.IncidentScenario;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analyst SQL functions, called as the read-only role the way Grafana's PostgreSQL data source calls them. */
class AnalystFunctionsTest {

    private static IncidentScenario scenario;
    private static HikariDataSource reader;

    @BeforeAll
    static void seed() throws Exception {
        scenario = IncidentScenario.seeded();
        reader = DataSourceFactory.create(TestDatabase.shared().readerSettings(), "analyst");
    }

    @AfterAll
    static void close() {
        reader.close();
    }

    @Test
    void topologyAtShowsEdgesValidAtThatTime() throws Exception {
        String edges = "SELECT relation || ' ' || src_urn || ' ' || dst_urn FROM rootscope.topology_at('scenario', '%s') ORDER BY 1";
        List<String> before = Rows.column(reader, edges.formatted(scenario.incidentStart.minus(2, ChronoUnit.HOURS)));
        List<String> during = Rows.column(reader, edges.formatted(scenario.incidentStart));
        assertTrue(before.contains("CALLS " + ORDERS + " " + CARTS), before.toString());
        assertEquals(List.of("CALLS " + IncidentScenario.FRONT_END + " " + ORDERS, "CALLS " + ORDERS + " " + PAYMENT,
                "RUNS_ON " + ORDERS + " " + NODE), during);
        assertEquals(List.of(), Rows.column(reader, edges.formatted(scenario.incidentStart.minus(30, ChronoUnit.DAYS))));
    }

    @Test
    void downstreamHotspotsRankTheSlowFailingDependencyFirst() throws Exception {
        List<String> rows = Rows.column(reader, """
                SELECT downstream_urn || ' ' || round(err_rate::numeric, 2) || ' ' || p95_ms
                  FROM rootscope.downstream_hotspots('%s', interval '30 minutes', 'scenario', '%s')"""
                .formatted(ORDERS, scenario.incidentStart.plus(30, ChronoUnit.MINUTES)));
        assertEquals(List.of(PAYMENT + " 0.10 900", CARTS + " 0.01 30"), rows);
    }

    @Test
    void evidenceChainResolvesEachLinkToReadableDetail() throws Exception {
        List<String> rows = Rows.column(reader, "SELECT dim || ' | ' || title || ' | ' || coalesce(detail, '-') || ' | ' || coalesce(locator_backend, '-') "
                + "FROM rootscope.evidence_chain('" + scenario.incident + "')");
        assertEquals(3, rows.size(), rows.toString());
        assertEquals("rca | root-cause ranking (automap) | 1. payment 0.610, 2. orders 0.240, 3. carts 0.150 | -", rows.get(0));
        assertEquals("log | log pattern (ERROR) | payment gateway timeout after <*> ms | -", rows.get(1));
        assertTrue(rows.get(2).startsWith("metric | metric evidence | payment request rate | prometheus"), rows.get(2));
    }

    @Test
    void similarIncidentsFindTheSameProfileWithItsRootCause() throws Exception {
        List<String> rows = Rows.column(reader, "SELECT event_id || ' ' || coalesce(root_cause_urn, '-') FROM rootscope.similar_incidents('"
                + scenario.incident + "', 2)");
        assertEquals(List.of(scenario.pastIncident + " " + PAYMENT, scenario.unrelatedIncident + " " + CARTS), rows);
    }

    @Test
    void rcaRankingReturnsTheLatestDiagnosis() throws Exception {
        assertEquals(List.of("1 " + PAYMENT, "2 " + ORDERS, "3 " + CARTS),
                Rows.column(reader, "SELECT rank || ' ' || urn FROM rootscope.rca_ranking('" + scenario.incident + "')"));
    }
}
