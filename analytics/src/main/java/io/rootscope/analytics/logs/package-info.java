/**
 * Log template mining: {@link io.rootscope.analytics.logs.DrainTemplateMiner} (Drain, ICWS 2017) after
 * {@link io.rootscope.analytics.logs.LogMasker} preprocessing, with stable
 * {@link io.rootscope.analytics.logs.TemplateFingerprint}s and {@link io.rootscope.analytics.logs.LogSeverity}
 * resolution; {@link io.rootscope.analytics.logs.GroupingAccuracy} and
 * {@link io.rootscope.analytics.logs.SyntheticLogCorpus} measure mining quality. No I/O.
 */
package io.rootscope.analytics.logs;
