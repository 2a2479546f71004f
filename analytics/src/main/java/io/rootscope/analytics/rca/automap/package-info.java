/**
 * AutoMAP (Ma et al., WWW 2020): anomaly and service profiles, metric-type weights learned from past diagnoses, the
 * heuristic random walk and its exact stationary distribution, the faithful method and the robust variant.
 */
package io.rootscope.analytics.rca.automap;
