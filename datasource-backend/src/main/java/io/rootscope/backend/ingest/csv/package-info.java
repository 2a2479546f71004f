/**
 * Case-directory import (the datasets' CSV format): metrics written directly, logs and spans through
 * {@link io.rootscope.backend.ingest.TelemetryIngestor}, with per-line rejects. A service: may use {@code ingest},
 * {@code etl.parse}, storage and support.
 */
package io.rootscope.backend.ingest.csv;
