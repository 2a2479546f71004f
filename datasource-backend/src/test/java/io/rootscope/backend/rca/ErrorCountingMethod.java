package io.rootscope.backend.rca;

import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.EvidenceItem;
import io.rootscope.analytics.rca.Explanation;
import io.rootscope.analytics.rca.LogEvent;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.RootCauseMethod;
import io.rootscope.analytics.rca.SpanRecord;
import io.rootscope.analytics.rca.WalkPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test-only method standing in for the multimodal one: ranks services by their error log lines and failed spans in the
 * anomalous period and reports them as findings (a LOG_TEMPLATE item per error template, an OPERATION item per failing
 * operation with up to three of its traces), as the evidence chain is to link them.
 */
final class ErrorCountingMethod implements RootCauseMethod {

    static final String NAME = "test-error-counting";
    static final int TRACES_PER_FINDING = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Diagnosis rank(DiagnosisWindow window) {
        long split = window.evidenceSplitMillis();
        Map<String, Map<String, Integer>> templates = new TreeMap<>();
        for (LogEvent event : window.logs()) {
            if (event.timeMillis() >= split && event.severity().isError()) {
                templates.computeIfAbsent(event.service(), s -> new TreeMap<>()).merge(event.template().text(), 1, Integer::sum);
            }
        }
        Map<String, Map<String, List<String>>> failing = new TreeMap<>();
        for (SpanRecord span : window.spans()) {
            if (span.startMicros() / 1000 >= split && span.error()) {
                failing.computeIfAbsent(span.service(), s -> new TreeMap<>()).computeIfAbsent(span.operation(), o -> new ArrayList<>())
                        .add(span.traceId());
            }
        }
        List<EvidenceItem> evidence = new ArrayList<>();
        templates.forEach((service, counts) -> counts.forEach((text, n) ->
                evidence.add(new EvidenceItem(service, EvidenceItem.Kind.LOG_TEMPLATE, text, n + " ERROR lines", n, List.of()))));
        failing.forEach((service, operations) -> operations.forEach((operation, traces) ->
                evidence.add(new EvidenceItem(service, EvidenceItem.Kind.OPERATION, operation, traces.size() + " failed spans", traces.size(),
                        traces.stream().sorted().limit(TRACES_PER_FINDING).toList()))));
        List<RankedService> ranking = new ArrayList<>();
        for (String service : window.services()) {
            double score = evidence.stream().filter(item -> item.service().equals(service)).mapToDouble(EvidenceItem::score).sum();
            ranking.add(new RankedService(service, score));
        }
        ranking.sort(Comparator.comparingDouble(RankedService::score).reversed().thenComparing(RankedService::service));
        List<WalkPath> paths = List.of(new WalkPath(List.of(window.frontend(), ranking.get(0).service()), 1));
        return new Diagnosis(NAME, ranking, new Explanation(List.of(), Map.of(), paths, Map.of(), evidence));
    }
}
