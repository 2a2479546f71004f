/**
 * Root-cause analysis on the database: {@link io.rootscope.backend.rca.RcaService} diagnoses an incident or a panel's
 * window with an analytics method over the window's telemetry, stores runs, evidence links and anomaly profiles, and
 * bounds the work (permits, cache); {@link io.rootscope.backend.rca.RootCauseConfirmations} records confirmed root causes
 * and the lessons learning methods take from them, which each tenant's next diagnoses recall. A service: may use {@code incident}, storage and support, never {@code http} or
 * {@code query}.
 */
package io.rootscope.backend.rca;
