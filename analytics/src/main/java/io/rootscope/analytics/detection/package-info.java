/**
 * Anomaly and SLO detection over metric series, without I/O. Detectors judge the points of one series
 * ({@link io.rootscope.analytics.detection.RobustZScoreDetector}, {@link io.rootscope.analytics.detection.NSigmaDetector},
 * {@link io.rootscope.analytics.detection.EwmaDetector}, {@link io.rootscope.analytics.detection.ThresholdRule});
 * a {@link io.rootscope.analytics.detection.DetectionRule} names the metrics a detector watches; the
 * {@link io.rootscope.analytics.detection.AnomalyTracker} turns verdicts into incident transitions with hysteresis
 * and de-duplication per (rule, resource group). {@link io.rootscope.analytics.detection.TelemetryDetection} holds the
 * rules over logs and spans (error-log surges, new error templates via
 * {@link io.rootscope.analytics.detection.NewTemplateSeries} and {@link io.rootscope.analytics.detection.NoveltyDetector},
 * operation latency and failures, disappearing calls via {@link io.rootscope.analytics.detection.DisappearanceDetector}).
 */
package io.rootscope.analytics.detection;
