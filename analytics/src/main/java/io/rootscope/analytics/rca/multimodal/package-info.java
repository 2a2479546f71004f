/**
 * Root-cause analysis over metrics, logs and traces: per-service evidence channels (error logs, self time of spans,
 * latency of calls into a service, metric anomaly), each calibrated within the case and fused, over the call graph
 * the spans reveal. See {@link io.rootscope.analytics.rca.multimodal.MultimodalRca}.
 */
package io.rootscope.analytics.rca.multimodal;
