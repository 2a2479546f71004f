package io.rootscope.backend.etl.runtime;

/** A job registered to run for one tenant (a source such as a Prometheus server belongs to one tenant). */
public record ScheduledJob(EtlJob job, long tenantId) {
}
