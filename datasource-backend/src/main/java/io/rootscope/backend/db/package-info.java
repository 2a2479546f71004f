/**
 * The database: connection pools and their settings ({@link io.rootscope.backend.db.DataSourceFactory},
 * {@link io.rootscope.backend.db.DatabaseSettings}), the read-only pool scoped to one tenant
 * ({@link io.rootscope.backend.db.TenantReader}) and routed to a streaming standby when one is configured
 * ({@link io.rootscope.backend.db.ReadRouting}), migrations ({@link io.rootscope.backend.db.SchemaMigrator},
 * {@code rootscope migrate}), scratch databases for evaluations, and the jOOQ classes generated from the migrated schema.
 * It uses nothing of the backend's other packages.
 *
 * <h2>How the backend reaches PostgreSQL</h2>
 *
 * <p><b>jOOQ on every request path</b> — panel and variable queries, the diagnosis behind them and the incident diagnosis,
 * the alert and Anteater webhooks, the admin API and token lookups: each query runs on the {@link org.jooq.DSLContext} it
 * is given (the tenant's reader from {@link io.rootscope.backend.db.TenantReader}, else the writer's context), so it
 * carries that context's query timeout and jOOQ's error translation. The DSL over the generated tables wherever it can
 * express the query; jOOQ's plain-SQL API ({@code resultQuery}/{@code query} with {@code {0}} binds) for calls into the
 * {@code sql/} functions and the TimescaleDB, pgvector and AGE SQL the DSL cannot express. A query of many rows (a panel's
 * points, a diagnosis' spans) is still run by jOOQ and read in place with {@link io.rootscope.backend.db.ResultRows}
 * rather than through a JDBC statement of its own.
 *
 * <p><b>JDBC only</b> where one of these holds, said in one line ({@code // JDBC: …}) at the place:
 * <ul>
 *   <li><b>bulk writes</b>: a push's staging (arrays through {@code unnest}, with its resources, templates and bucket
 *       notes, in one transaction under the tenant's advisory lock), {@code COPY} of metric samples, case CSV imports;</li>
 *   <li><b>the ETL's scheduled runs</b>: a window run is one JDBC transaction ({@code JobContext}) in which the job's
 *       set-based writes commit together with the run's bookkeeping (claims, circuit, pending buckets); retention and
 *       other maintenance statements likewise run off the request path;</li>
 *   <li><b>AGE Cypher sessions</b>: {@code cypher()} takes its parameters only as a bare {@code agtype}, bound as the
 *       driver's typed object;</li>
 *   <li><b>connection plumbing</b> in this package: the tenant setting and the standby's replay position on each reader checkout, scratch databases,
 *       migrations.</li>
 * </ul>
 */
package io.rootscope.backend.db;
