package io.rootscope.backend.db;

import static io.rootscope.backend.testing.IncidentScenario.CARTS;
import static io.rootscope.backend.testing.IncidentScenario.NODE;
import static io.rootscope.backend.testing.IncidentScenario.ORDERS;
import static io.rootscope.backend.testing.IncidentScenario.PAYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.testing.AnalystRoles;
import io.rootscope.backend.testing.IncidentScenario;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analyst SQL functions, called as the read-only role the way Grafana's PostgreSQL data source calls them: a login
 * role in the read-only role whose sessions name the scenario's tenant. Asked for another tenant, they answer nothing.
 */
class AnalystFunctionsTest {

    private static IncidentScenario scenario;
    private static HikariDataSource reader;
    private static HikariDataSource otherTenant;

    @BeforeAll
    static void seed() throws Exception {
        scenario = IncidentScenario.seeded();
        reader = DataSourceFactory.create(AnalystRoles.forTenant(TestDatabase.shared(), IncidentScenario.TENANT), "analyst");
        otherTenant = DataSourceFactory.create(AnalystRoles.forTenant(TestDatabase.shared(), "default"), "analyst-default");
    }

    @AfterAll
    static void close() {
        reader.close();
        otherTenant.close();
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
                + "FROM rootscope.evidence_chain('scenario', '" + scenario.incident + "')");
        assertEquals(3, rows.size(), rows.toString());
        assertEquals("rca | root-cause ranking (automap) | 1. payment 0.610, 2. orders 0.240, 3. carts 0.150 | -", rows.get(0));
        assertEquals("log | log pattern (ERROR) | payment gateway timeout after <*> ms | -", rows.get(1));
        assertTrue(rows.get(2).startsWith("metric | metric evidence | payment request rate | prometheus"), rows.get(2));
    }

    @Test
    void similarIncidentsFindTheSameProfileWithItsRootCause() throws Exception {
        List<String> rows = Rows.column(reader, "SELECT event_id || ' ' || coalesce(root_cause_urn, '-') FROM rootscope.similar_incidents('scenario', '"
                + scenario.incident + "', 2)");
        assertEquals(List.of(scenario.pastIncident + " " + PAYMENT, scenario.unrelatedIncident + " " + CARTS), rows);
    }

    @Test
    void rcaRankingReturnsTheLatestDiagnosis() throws Exception {
        assertEquals(List.of("1 " + PAYMENT, "2 " + ORDERS, "3 " + CARTS),
                Rows.column(reader, "SELECT rank || ' ' || urn FROM rootscope.rca_ranking('scenario', '" + scenario.incident + "')"));
    }

    @Test
    void anotherTenantGetsNothing() throws Exception {
        List<String> calls = List.of(
                "SELECT count(*) FROM rootscope.topology_at('%s', '" + scenario.incidentStart + "')",
                "SELECT count(*) FROM rootscope.downstream_hotspots('" + ORDERS + "', interval '30 minutes', '%s', '"
                        + scenario.incidentStart.plus(30, ChronoUnit.MINUTES) + "')",
                "SELECT count(*) FROM rootscope.evidence_chain('%s', '" + scenario.incident + "')",
                "SELECT count(*) FROM rootscope.similar_incidents('%s', '" + scenario.incident + "', 5)",
                "SELECT count(*) FROM rootscope.rca_ranking('%s', '" + scenario.incident + "')");
        for (String call : calls) {
            assertTrue(Integer.parseInt(Rows.single(reader, call.formatted("scenario"))) > 0, call);
            boolean byEvent = call.contains(scenario.incident.toString());
            // The scenario's ids under another tenant's name, in the scenario's session: the function's own tenant check.
            assertEquals("0", Rows.single(reader, call.formatted("default")), call);
            // Another tenant's session naming the scenario: row security.
            assertEquals("0", Rows.single(otherTenant, call.formatted("scenario")), call);
            if (byEvent) {
                // An event of the scenario named with another tenant, even as the application role, which row security does not restrict.
                assertEquals("0", Rows.single(TestDatabase.shared().dataSource(), call.formatted("default")), call);
            }
        }
    }
}
