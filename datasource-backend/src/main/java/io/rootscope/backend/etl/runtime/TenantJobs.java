package io.rootscope.backend.etl.runtime;

import java.util.List;

/** The jobs every tenant runs, as new instances for one tenant (a job may keep state of its tenant between windows). */
@FunctionalInterface
public interface TenantJobs {

    List<EtlJob> forTenant(long tenantId);
}
