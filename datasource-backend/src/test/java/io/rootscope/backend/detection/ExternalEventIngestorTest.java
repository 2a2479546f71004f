package io.rootscope.backend.detection;

import static io.rootscope.backend.detection.AnteaterSamples.HOST_EVENT;
import static io.rootscope.backend.detection.AnteaterSamples.POD_EVENT;
import static io.rootscope.backend.detection.AnteaterSamples.array;
import static io.rootscope.backend.detection.AnteaterSamples.stream;
import static io.rootscope.backend.detection.AnteaterSamples.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExternalEventIngestorTest {

    private final DataSource db = TestDatabase.shared().dataSource();
    private final List<String> notified = new ArrayList<>();
    private ExternalEventIngestor ingestor;
    private long tenant;

    @BeforeEach
    void createTenant() throws SQLException {
        String code = "anteater-" + UUID.randomUUID().toString().substring(0, 8);
        tenant = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + code + "', 'Anteater') RETURNING tenant_id"));
        Rows.execute(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES
                  (%1$s, '%2$s', 'host', '1fd37742xxxx'), (%1$s, '%3$s', 'pod', 'backend-node2-01'), (%1$s, '%4$s', 'pod', 'backend-node3-02')"""
                .formatted(tenant, AnteaterSamples.HOST_URN, AnteaterSamples.POD_URN, AnteaterSamples.CAUSE_POD_URN));
        ingestor = new ExternalEventIngestor(DSL.using(db, SQLDialect.POSTGRES),
                (eventId, tenantId, frontendUrn, anomalyStart) -> notified.add(frontendUrn + " " + anomalyStart));
    }

    @Test
    void opensAnIncidentPerEventOnItsResourceWithEvidenceOnce() throws IOException, SQLException {
        String unknownHost = with(with(HOST_EVENT, "\"machine_id\": \"1fd37742xxxx\"", "\"machine_id\": \"feedbeef\""),
                "1659075600000_1fd37742xxxx", "other-event");
        String payload = array(HOST_EVENT, POD_EVENT, unknownHost, with(POD_EVENT, "\"event_id\": \"1721125159975_475ae627_l7_3459438\",", ""));

        IngestResult first = ingestor.ingest(tenant, stream(payload));

        assertEquals(2, first.opened().size());
        assertEquals(List.of(new ParseReject("[3].Attributes.event_id", "missing"),
                new ParseReject("[2].Resource.metric_label.machine_id", "no resource urn:host:feedbeef in tenant " + tenant)), first.rejects());
        assertEquals(List.of(AnteaterSamples.HOST_URN + " " + Instant.parse("2022-07-29T06:19:00Z"),
                AnteaterSamples.POD_URN + " " + Instant.ofEpochMilli(1721125159975L).minusSeconds(30)), notified);
        assertEquals(List.of(
                "gala-anteater:1659075600000_1fd37742xxxx_sli_1513_18 anomaly WARN open " + AnteaterSamples.HOST_URN + " 2",
                "gala-anteater:1721125159975_475ae627_l7_3459438 anomaly WARN open " + AnteaterSamples.POD_URN + " 3"),
                Rows.column(db, """
                        SELECT e.dedup_key || ' ' || e.kind || ' ' || e.severity || ' ' || e.status || ' ' || r.urn || ' '
                               || (SELECT count(*) FROM evidence_link l WHERE l.event_id = e.event_id)
                          FROM event_envelope e JOIN dim_resource r USING (resource_id)
                         WHERE e.tenant_id = %s AND e.source = 'gala-anteater' ORDER BY e.started_at""".formatted(tenant)));
        assertEquals(List.of("gala_gopher_container_cpu_user_seconds_total@4a9fcc23 true 0.1194249668036936",
                "gala_gopher_l7_latency_sum true 0.35", "gala_gopher_proc_wchar_bytes@67134fb4 false 0.37121879175399997"),
                Rows.column(db, """
                        SELECT (l.ref_pg ->> 'metric') || ' ' || (l.ref_pg ? 'resource_id') || ' ' || l.score
                          FROM evidence_link l WHERE l.event_id = '%s' ORDER BY 1""".formatted(first.opened().get(1))));

        IngestResult again = ingestor.ingest(tenant, stream(payload));

        assertEquals(List.of(), again.opened());
        assertEquals(first.opened(), again.updated(), "a re-delivery refreshes the same incidents");
        assertEquals(2, notified.size(), "and starts no second diagnosis");
        assertEquals("2 5", Rows.single(db, """
                SELECT count(*) || ' ' || (SELECT count(*) FROM evidence_link l JOIN event_envelope e USING (event_id) WHERE e.tenant_id = %1$s)
                  FROM event_envelope WHERE tenant_id = %1$s""".formatted(tenant)));
    }

    @Test
    void eventOnAnUnknownPodOfADeploymentGoesToItsService() throws IOException, SQLException {
        Rows.execute(db, "INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES (%s, 'urn:k8s:svc:shop/carts', 'service', 'carts')"
                .formatted(tenant));
        String cartsPod = with(with(POD_EVENT, "\"pod\": \"default/backend-node2-01-5bcb47fd7c-4jxxs\"", "\"pod\": \"shop/carts-7d4b9c8f6d-x2lkq\""),
                "\"machine_id\": \"66086618-3bad-489e-b17d-05245224f29a-192.168.122.102\",", "");

        IngestResult result = ingestor.ingest(tenant, stream(cartsPod));

        assertEquals(List.of(), result.rejects());
        assertEquals("urn:k8s:svc:shop/carts", Rows.single(db, """
                SELECT r.urn FROM event_envelope e JOIN dim_resource r USING (resource_id) WHERE e.event_id = '%s'"""
                .formatted(result.opened().get(0))));
    }
}
