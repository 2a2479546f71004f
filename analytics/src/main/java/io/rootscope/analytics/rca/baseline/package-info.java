/** Baselines sharing the {@link io.rootscope.analytics.rca.RootCauseMethod} contract: N-sigma, BARO, personalized PageRank. */
package io.rootscope.analytics.rca.baseline;
