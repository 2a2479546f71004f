package io.rootscope.backend.etl.runtime;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The jobs the ETL runs, in DAG order (by stage, then as registered); a job name is unique per tenant. */
public final class JobRegistry {

    private final List<ScheduledJob> jobs;

    public JobRegistry(List<ScheduledJob> jobs) {
        Set<String> seen = new HashSet<>();
        for (ScheduledJob scheduled : jobs) {
            if (!seen.add(scheduled.job().name() + "\u0000" + scheduled.tenantId())) {
                throw new IllegalArgumentException("jobs: '" + scheduled.job().name() + "' is registered twice for tenant "
                        + scheduled.tenantId());
            }
        }
        this.jobs = jobs.stream().sorted(Comparator.comparing((ScheduledJob s) -> s.job().stage())).toList();
    }

    /** Every job, ingest stage first. */
    public List<ScheduledJob> inDagOrder() {
        return jobs;
    }

    public Optional<ScheduledJob> find(String job, long tenantId) {
        return jobs.stream().filter(s -> s.job().name().equals(job) && s.tenantId() == tenantId).findFirst();
    }

    public Set<Long> tenants() {
        Set<Long> tenants = new TreeSet<>();
        jobs.forEach(s -> tenants.add(s.tenantId()));
        return tenants;
    }
}
