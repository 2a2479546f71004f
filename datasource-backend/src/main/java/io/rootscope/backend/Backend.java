package io.rootscope.backend;

import io.javalin.Javalin;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rootscope.backend.http.BackendApp;
import io.rootscope.backend.http.BearerTokenAuth;
import io.rootscope.backend.http.SelfMetrics;
import io.rootscope.backend.protocol.DataSourceController;
import io.rootscope.backend.protocol.QueryLimits;
import io.rootscope.backend.query.QueryKinds;
import io.rootscope.backend.query.TenantResolver;
import io.rootscope.backend.query.VariableQueries;
import io.rootscope.backend.query.kinds.AnnotationsQuery;
import io.rootscope.backend.query.kinds.EvidenceQuery;
import io.rootscope.backend.query.kinds.HotspotsQuery;
import io.rootscope.backend.query.kinds.IncidentsQuery;
import io.rootscope.backend.query.kinds.LogPatternsQuery;
import io.rootscope.backend.query.kinds.MetricsQuery;
import io.rootscope.backend.query.kinds.SimilarIncidentsQuery;
import io.rootscope.backend.query.kinds.TopologyQuery;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The backend assembled from its two connection pools: {@code writer} (the application role: ETL, alerts,
 * stored diagnoses) and {@code reader} (the read-only role every panel query runs as).
 */
public final class Backend {

    private final Javalin app;

    public Backend(DataSource writer, DataSource reader, QueryLimits limits, Optional<String> authToken,
                   PrometheusRegistry registry) {
        DSLContext readerDb = DSL.using(reader, SQLDialect.POSTGRES,
                new Settings().withQueryTimeout((int) limits.queryTimeout().toSeconds()));
        QueryKinds kinds = new QueryKinds(List.of(new MetricsQuery(), new IncidentsQuery(), new AnnotationsQuery(),
                new TopologyQuery(), new EvidenceQuery(), new HotspotsQuery(), new LogPatternsQuery(), new SimilarIncidentsQuery()));
        DataSourceController dataSource = new DataSourceController(kinds, new VariableQueries(), new TenantResolver(readerDb),
                readerDb, limits);
        this.app = BackendApp.create(dataSource, readerDb, new SelfMetrics(registry), authToken.map(BearerTokenAuth::new));
    }

    public Javalin app() {
        return app;
    }
}
