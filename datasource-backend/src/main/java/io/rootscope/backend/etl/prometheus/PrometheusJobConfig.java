package io.rootscope.backend.etl.prometheus;

import io.rootscope.backend.etl.runtime.WindowSchedule;
import java.time.Duration;
import java.util.List;

/**
 * One Prometheus source of one tenant.
 *
 * @param name             the job's name in {@code etl_job_run}, e.g. {@code prometheus-metrics}
 * @param step             the resolution of the range queries; must divide the window size
 * @param defaultNamespace the namespace of workloads whose series carry no namespace label
 */
public record PrometheusJobConfig(String name, Duration step, String defaultNamespace, List<MetricQuery> queries,
                                  WindowSchedule schedule) {

    public static final Duration STEP_DEFAULT = Duration.ofSeconds(15);

    public PrometheusJobConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (step == null || step.isNegative() || step.isZero() || step.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("step must be a positive whole number of milliseconds, got " + step);
        }
        if (schedule.size().toMillis() % step.toMillis() != 0) {
            throw new IllegalArgumentException("step " + step + " must divide the window size " + schedule.size());
        }
        if (defaultNamespace == null || defaultNamespace.isBlank()) {
            throw new IllegalArgumentException("defaultNamespace must not be empty");
        }
        if (queries == null || queries.isEmpty()) {
            throw new IllegalArgumentException("queries must not be empty");
        }
        queries = List.copyOf(queries);
    }
}
