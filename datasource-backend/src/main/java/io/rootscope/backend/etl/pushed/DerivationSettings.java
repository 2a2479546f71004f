package io.rootscope.backend.etl.pushed;

import io.rootscope.backend.etl.prometheus.PromQueryTemplates;
import java.time.Duration;
import java.util.List;

/**
 * The rules deriving metrics from pushed series and the range of their rates (the PromQL templates' rate window, so
 * pushed and scraped metrics mean the same).
 */
public record DerivationSettings(List<DerivationRule> rules, Duration rateWindow) {

    public static final DerivationSettings DEFAULTS = new DerivationSettings(DerivationRules.DEFAULTS, PromQueryTemplates.RATE_WINDOW_DEFAULT);

    public DerivationSettings {
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("derivation rules must not be empty");
        }
        if (rateWindow == null || rateWindow.toMillis() < 1) {
            throw new IllegalArgumentException("rate window must be positive, got " + rateWindow);
        }
        rules = List.copyOf(rules);
    }
}
