package io.rootscope.backend.etl.pushed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.prometheus.PromQueryTemplates;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DerivationRulesTest {

    @Test
    void theDefaultsDeriveEveryDefaultPromqlMetricButCongestion() {
        Set<String> promql = PromQueryTemplates.DEFAULTS.stream().map(q -> q.metric()).collect(Collectors.toSet());
        Set<String> derived = DerivationRules.DEFAULTS.stream().map(DerivationRule::metric).collect(Collectors.toSet());
        promql.remove("congestion");
        assertEquals(promql, derived);
    }

    @Test
    void jsonReplacesAddsAndDropsMetrics() {
        List<DerivationRule> rules = DerivationRules.fromJson("""
                {"memory": null,
                 "queue_depth": [{"function": "gauge", "aggregate": "avg",
                                  "numerator": [{"name": "queue_messages", "labels": {"queue": "=~orders.*"}}],
                                  "resource": {"kind": "workload", "name_labels": ["service_name"], "namespace_labels": ["k8s_namespace_name"]}}]}""",
                DerivationRules.DEFAULTS);
        assertTrue(rules.stream().noneMatch(r -> r.metric().equals("memory")));
        DerivationRule queue = rules.stream().filter(r -> r.metric().equals("queue_depth")).findFirst().orElseThrow();
        assertEquals(DerivationRule.Function.GAUGE, queue.function());
        assertEquals(DerivationRule.Aggregate.AVG, queue.aggregate());
        assertTrue(queue.numerator().get(0).matches(Map.of("queue", "orders-eu")));
        assertEquals("urn:k8s:svc:shop/carts", queue.resource().of(Map.of("service_name", "carts", "k8s_namespace_name", "shop"), "default")
                .orElseThrow().urn());
    }

    @Test
    void aBadRuleIsRefusedNamingWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DerivationRules.fromJson(
                "{\"cpu\": [{\"numerator\": [{\"name\": \"x\"}], \"resource\": {\"kind\": \"pod\"}}]}", DerivationRules.DEFAULTS));
        assertTrue(e.getMessage().startsWith("cpu[0]: cpu[0].resource.kind must be"), e.getMessage());
        IllegalArgumentException function = assertThrows(IllegalArgumentException.class, () -> DerivationRules.fromJson(
                "{\"cpu\": [{\"function\": \"sum\", \"numerator\": [{\"name\": \"x\"}], \"resource\": {\"kind\": \"host\", \"name_labels\": [\"instance\"]}}]}",
                DerivationRules.DEFAULTS));
        assertEquals("cpu[0]: function must be one of [gauge, rate], got 'sum'", function.getMessage());
    }
}
