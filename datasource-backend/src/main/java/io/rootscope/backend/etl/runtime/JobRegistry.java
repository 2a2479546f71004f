package io.rootscope.backend.etl.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs the ETL runs, in DAG order (by stage, then as registered); a job name is unique per tenant. Besides fixed
 * jobs (a source that belongs to one tenant), it may hold {@link TenantJobs} for every tenant of {@code dim_tenant}:
 * the tenant list is read again when older than the refresh period, so a tenant added by any backend or by
 * {@code ./rootscope tenant add} gets its jobs without a restart. A tenant's job instances are kept across refreshes.
 */
public final class JobRegistry {

    public static final Duration REFRESH_DEFAULT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(JobRegistry.class);

    private final List<ScheduledJob> fixed;
    private final TenantJobs perTenant;
    private final TenantDirectory directory;
    private final Duration refreshAfter;
    private final Clock clock;
    private final Map<Long, List<ScheduledJob>> tenantJobs = new LinkedHashMap<>();
    private volatile List<ScheduledJob> jobs;
    private volatile Instant readAt = Instant.MIN;

    /** Only these jobs, for good. */
    public JobRegistry(List<ScheduledJob> jobs) {
        this(jobs, null, null, REFRESH_DEFAULT, Clock.systemUTC());
    }

    /** {@code fixed}, plus {@code perTenant}'s jobs for every tenant {@code directory} lists, re-read after {@code refreshAfter}. */
    public JobRegistry(List<ScheduledJob> fixed, TenantJobs perTenant, TenantDirectory directory, Duration refreshAfter, Clock clock) {
        this.fixed = List.copyOf(fixed);
        this.perTenant = perTenant;
        this.directory = directory;
        this.refreshAfter = refreshAfter;
        this.clock = clock;
        this.jobs = ordered(this.fixed);
    }

    /** Every job, ingest stage first. */
    public List<ScheduledJob> inDagOrder() {
        refreshIfDue();
        return jobs;
    }

    /** The job, also of a tenant added since the last refresh. */
    public Optional<ScheduledJob> find(String job, long tenantId) {
        Optional<ScheduledJob> found = lookup(inDagOrder(), job, tenantId);
        if (found.isEmpty() && perTenant != null) {
            refresh();
            found = lookup(jobs, job, tenantId);
        }
        return found;
    }

    public Set<Long> tenants() {
        Set<Long> tenants = new TreeSet<>();
        inDagOrder().forEach(s -> tenants.add(s.tenantId()));
        return tenants;
    }

    /**
     * Reads the tenants now and adds the jobs of new ones (those of removed tenants go); keeps the jobs as they were
     * when the database cannot be read.
     */
    public synchronized void refresh() {
        if (perTenant == null) {
            return;
        }
        List<Long> ids;
        try {
            ids = directory.allIds();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the tenants, keeping the jobs of {}: {}", tenantJobs.keySet(), e.getMessage());
            return;
        }
        tenantJobs.keySet().retainAll(new HashSet<>(ids));
        for (long tenantId : ids) {
            tenantJobs.computeIfAbsent(tenantId, id -> perTenant.forTenant(id).stream().map(job -> new ScheduledJob(job, id)).toList());
        }
        List<ScheduledJob> all = new ArrayList<>(fixed);
        tenantJobs.values().forEach(all::addAll);
        jobs = ordered(all);
        readAt = clock.instant();
    }

    private void refreshIfDue() {
        if (perTenant != null && !clock.instant().isBefore(readAt.plus(refreshAfter))) {
            refresh();
        }
    }

    private static Optional<ScheduledJob> lookup(List<ScheduledJob> jobs, String job, long tenantId) {
        return jobs.stream().filter(s -> s.job().name().equals(job) && s.tenantId() == tenantId).findFirst();
    }

    private static List<ScheduledJob> ordered(List<ScheduledJob> jobs) {
        Set<String> seen = new HashSet<>();
        for (ScheduledJob scheduled : jobs) {
            if (!seen.add(scheduled.job().name() + "\u0000" + scheduled.tenantId())) {
                throw new IllegalArgumentException("jobs: '" + scheduled.job().name() + "' is registered twice for tenant "
                        + scheduled.tenantId());
            }
        }
        return jobs.stream().sorted(Comparator.comparing((ScheduledJob s) -> s.job().stage())).toList();
    }
}
