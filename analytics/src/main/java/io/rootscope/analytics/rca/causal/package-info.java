/**
 * Causal discovery for AutoMAP's anomaly behavior graph: the Fisher-z conditional-independence test, the PC-stable
 * skeleton, orientation by v-structures and Meek's rules, and the per-metric-type graph builder.
 */
package io.rootscope.analytics.rca.causal;
