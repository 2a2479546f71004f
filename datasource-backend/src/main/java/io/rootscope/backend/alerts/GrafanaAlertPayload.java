package io.rootscope.backend.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Grafana's alerting webhook body (contact point type "webhook"). Only what Rootscope uses is bound; Grafana's
 * other fields (receiver, groupKey, silenceURL, ...) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GrafanaAlertPayload(String status, List<Alert> alerts, String externalURL) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                        Instant endsAt, String fingerprint, String generatorURL, String dashboardURL, String panelURL,
                        String valueString) {
    }
}
