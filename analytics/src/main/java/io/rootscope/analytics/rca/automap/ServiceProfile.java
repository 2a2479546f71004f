package io.rootscope.analytics.rca.automap;

import java.util.Map;

/**
 * AutoMAP's service profile (Ma et al., WWW 2020, Sect. 3.2): how anomalous each metric type of one service is, as
 * the fraction of anomalous-period samples outside the normal period's mean ± σ·k.
 *
 * @param service  service name
 * @param degrees  metric type name → anomaly degree in [0, 1]
 */
public record ServiceProfile(String service, Map<String, Double> degrees) {
    public ServiceProfile {
        degrees = Map.copyOf(degrees);
    }
}
