/**
 * RCA evaluation through the database ({@code ./rootscope eval-db}): a case imported under a tenant of its own and
 * diagnosed as the backend diagnoses an incident, beside the in-memory diagnosis. A service: may use {@code ingest},
 * {@code rca}, {@code tenancy}, storage and support.
 */
package io.rootscope.backend.evaluation;
