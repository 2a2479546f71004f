-- metric_sample is the ingest hot path (target: 100k samples/s on 2 cores through COPY). Its two foreign keys
-- made every row run two referential-integrity lookups, which measured at about twice the CPU of the insert
-- itself. The ETL writes only resource ids it has just resolved through dim_resource (and tenants are never
-- deleted), raw samples live for days, and the aggregates (metric_1m, metric_1h) keep their foreign keys.
ALTER TABLE metric_sample DROP CONSTRAINT metric_sample_tenant_fk;
ALTER TABLE metric_sample DROP CONSTRAINT metric_sample_resource_fk;
