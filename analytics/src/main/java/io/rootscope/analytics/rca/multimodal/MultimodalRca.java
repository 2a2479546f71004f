package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.CleanedMetrics;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.EvidenceItem;
import io.rootscope.analytics.rca.Explanation;
import io.rootscope.analytics.rca.Learner;
import io.rootscope.analytics.rca.LearningMethod;
import io.rootscope.analytics.rca.LogEvent;
import io.rootscope.analytics.rca.MethodParameters;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.SpanRecord;
import io.rootscope.analytics.rca.WalkPath;
import io.rootscope.analytics.rca.automap.AutoMapRobust;
import io.rootscope.analytics.rca.baseline.Baro;
import io.rootscope.analytics.rca.baseline.DeviationScores;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Root-cause analysis over metrics, logs and traces. Each modality the window has becomes one or more evidence
 * channels scored per service against the normal period:
 * <ul>
 *   <li>{@value ErrorLogChannel#NAME}: the increase of error lines per second (code faults: a method that throws or
 *       returns a wrong value), in the share of the service's failed spans that failed on their own (a caller logging
 *       its callee's failures does not take the blame for them);</li>
 *   <li>{@value SelfTimeChannel#NAME}: the slowdown of the service's own work (resource faults);</li>
 *   <li>{@value CallLatencyChannel#NAME}: the widening of the wait for calls into the service beyond its own spans
 *       (network delay), credited to the endpoint that the widened calls share;</li>
 *   <li>{@value SpanErrorChannel#NAME}: the rise of spans that fail on their own (sources with a span status);</li>
 *   <li>{@value #METRICS}: BARO's robust deviation of the service's metrics (Pham et al., FSE 2024).</li>
 * </ul>
 * Each channel is calibrated within the case (robust z over the services, {@link Channel#calibrated}) and a service
 * scores the p-norm of its weighted positive calibrated channels, so one decisive signal wins whatever its units, a
 * service anomalous in several channels gains, and a service lacking a modality is neither blamed nor cleared by it. Self time and credited call latency keep a caller
 * from inheriting its callee's latency; what a caller still shares with an anomalous callee it waits for in the span
 * call graph (error logs, metrics) is partly explained away by it ({@link MultimodalConfig#calleeShare}). The explanation gives, per candidate, the channels' contributions, the log
 * templates, operations and calls that changed (with example traces), and the call path from the front-end.
 *
 * <p>A window with metrics only is ranked by {@link AutoMapRobust}, the best metric-only method of the benchmark.
 */
public final class MultimodalRca implements LearningMethod {

    public static final String NAME = "multimodal";
    /** The contribution of a service whose metrics all stayed at their normal level. */
    static final String METRICS = "metrics";
    /** The (negative) contribution of the score explained away by an anomalous callee ({@link MultimodalConfig#calleeShare}). */
    static final String CALLEE_EXPLAINED = "explained_by_callee";
    /** Contribution names that come from logs or traces; the others name metric types. */
    public static final Set<String> LOG_AND_TRACE_CHANNELS = Set.of(ErrorLogChannel.NAME, LogTemplateShiftChannel.NAME,
            SelfTimeChannel.NAME, CallLatencyChannel.NAME, SpanErrorChannel.NAME, CALLEE_EXPLAINED);
    private static final int EXPLAINED_CANDIDATES = 10;
    private static final int FINDINGS_PER_CANDIDATE = 5;
    /** Error templates of its callers a candidate's findings carry, beside its own (see {@link #relayedErrors}). */
    private static final int RELAYED_FINDINGS_PER_CANDIDATE = 3;

    private final MultimodalConfig config;
    private final AutoMapRobust metricsOnly;

    public MultimodalRca(MultimodalConfig config, AutoMapRobust metricsOnly) {
        this.config = config;
        this.metricsOnly = metricsOnly;
    }

    /** Builds from command-line parameters: this method's ({@link MultimodalConfig}) and none other. */
    public static MultimodalRca fromParameters(Map<String, String> parameters) {
        MethodParameters p = new MethodParameters(NAME, parameters);
        MultimodalConfig config = MultimodalConfig.read(p);
        p.rejectUnknown();
        return new MultimodalRca(config, AutoMapRobust.fromParameters(Map.of()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Diagnosis rank(DiagnosisWindow window) {
        if (window.logs().isEmpty() && window.spans().isEmpty()) {
            Diagnosis metrics = metricsOnly.rank(window);
            return new Diagnosis(NAME, metrics.ranking(), metrics.explanation());
        }
        long split = window.evidenceSplitMillis();
        Set<String> services = new TreeSet<>(window.services());
        List<Channel> channels = new ArrayList<>();
        TracePeriod spansAfter = new TracePeriod(window.spans().stream().filter(s -> s.startMicros() / 1000 >= split).toList());
        if (!window.logs().isEmpty()) {
            List<LogEvent> before = window.logs().stream().filter(e -> e.timeMillis() < split).toList();
            List<LogEvent> after = window.logs().stream().filter(e -> e.timeMillis() >= split).toList();
            LogPeriod normal = new LogPeriod(before);
            LogPeriod anomalous = new LogPeriod(after);
            channels.add(ErrorLogChannel.of(normal, anomalous, services, spansAfter::ownFailureShare));
            channels.add(LogTemplateShiftChannel.of(normal, anomalous, services, config));
        }
        CallPaths paths = new CallPaths(window.spans(), window.frontend());
        if (!window.spans().isEmpty()) {
            TracePeriod before = new TracePeriod(window.spans().stream().filter(s -> s.startMicros() / 1000 < split).toList());
            channels.add(SelfTimeChannel.of(before, spansAfter, services, config));
            channels.add(CallLatencyChannel.of(before, spansAfter, services, config));
            channels.add(SpanErrorChannel.of(before, spansAfter, services));
        }
        DeviationScores deviations = Baro.scores(new CleanedMetrics(window));
        channels.add(metricChannel(window, deviations));
        // A service scores the p-norm of its channels; the metric channel's share is reported per metric type.
        Map<String, Map<String, Double>> byChannel = new HashMap<>();
        Map<String, Map<String, Double>> contributions = new HashMap<>();
        for (Channel channel : channels) {
            boolean metrics = channel.name().equals(METRICS);
            double weight = metrics ? config.metricWeight() : 1;
            channel.calibrated().forEach((service, z) -> {
                double contribution = weight * Math.max(0, z);
                byChannel.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(channel.name(), contribution);
                Map<String, Double> reported = contributions.computeIfAbsent(service, s -> new LinkedHashMap<>());
                if (metrics) {
                    splitByMetricType(contribution, deviations.contributions().get(service), reported);
                } else {
                    reported.put(channel.name(), contribution);
                }
            });
        }
        Map<String, Double> fused = new HashMap<>();
        services.forEach(s -> fused.put(s, Math.pow(byChannel.getOrDefault(s, Map.of()).values().stream()
                .mapToDouble(v -> Math.pow(v, config.norm())).sum(), 1 / config.norm())));
        Map<String, ExplainingCallee> explainedBy = explainingCallees(services, fused, paths);
        List<RankedService> ranking = services.stream()
                .map(s -> {
                    ExplainingCallee callee = explainedBy.get(s);
                    if (callee == null) {
                        return new RankedService(s, fused.get(s));
                    }
                    contributions.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(CALLEE_EXPLAINED, -callee.explained());
                    return new RankedService(s, fused.get(s) - callee.explained());
                })
                .sorted(Comparator.comparingDouble(RankedService::score).reversed()
                        .thenComparing(RankedService::service))
                .toList();
        return new Diagnosis(NAME, ranking, explanation(ranking, channels, byChannel, contributions, paths,
                relayedErrors(channels, explainedBy, fused)));
    }

    /** The callee explaining part of a caller's score, and how much of it. */
    private record ExplainingCallee(String callee, double explained) {
    }

    /**
     * Per caller, the callee explaining part of its score, if any: errors and latency travel from callee to caller, so
     * the score a caller shares with what its callee passes up ({@code min} of the two) is partly the callee's. A caller
     * more anomalous than all its callees keeps the excess whole; a callee it does not wait for ({@link
     * CallPaths#awaitedCallees}) sends nothing back and explains nothing.
     */
    private Map<String, ExplainingCallee> explainingCallees(Set<String> services, Map<String, Double> fused, CallPaths paths) {
        Map<String, Double> passed = new HashMap<>();
        Map<String, ExplainingCallee> explaining = new HashMap<>();
        Set<String> open = new HashSet<>();
        services.forEach(s -> passedUp(s, fused, paths, passed, explaining, open));
        return explaining;
    }

    /**
     * What a service passes up to its callers: its own score plus what its most anomalous awaited callee explains of it,
     * recursively (recording that callee in {@code explaining}). A failure relayed over several hops is logged again at
     * each (a database that writes nothing, a service logging the failed query, its caller logging the failed request),
     * so a caller two hops above the source often scores more than the callee it waits for; measured against that
     * callee's score alone, the caller would keep most of what it only relays. A call cycle is cut where it closes (that
     * callee passes up its own score).
     */
    private double passedUp(String service, Map<String, Double> fused, CallPaths paths, Map<String, Double> passed,
                            Map<String, ExplainingCallee> explaining, Set<String> open) {
        Double known = passed.get(service);
        if (known != null) {
            return known;
        }
        double own = fused.getOrDefault(service, 0.0);
        if (!open.add(service)) {
            return own;
        }
        ExplainingCallee strongest = null;
        // Callees come in name order (CallPaths keeps them sorted), so ties go to the later name whatever the call order.
        for (String callee : paths.awaitedCallees().getOrDefault(service, Set.of())) {
            if (callee.equals(service)) {
                continue;
            }
            double explained = config.calleeShare() * Math.min(own, passedUp(callee, fused, paths, passed, explaining, open));
            if (explained > 0 && (strongest == null || explained >= strongest.explained())) {
                strongest = new ExplainingCallee(callee, explained);
            }
        }
        open.remove(service);
        double up = own;
        if (strongest != null) {
            explaining.put(service, strongest);
            up += strongest.explained();
        }
        passed.put(service, up);
        return up;
    }

    /**
     * Per callee, the error templates of the callers whose scores it explains, as its findings: a caller logs the
     * failures of its callee ("Connection refused", a 503 from it), and those lines tell what happened to the callee
     * better than anything the callee, down or silent, reports itself. Each keeps the caller's name in its finding and
     * weighs its score by the share of the caller's score the callee explains.
     */
    private static Map<String, List<EvidenceItem>> relayedErrors(List<Channel> channels,
                                                                 Map<String, ExplainingCallee> explainedBy,
                                                                 Map<String, Double> fused) {
        Map<String, List<EvidenceItem>> relayed = new HashMap<>();
        channels.stream().filter(c -> c.name().equals(ErrorLogChannel.NAME)).findFirst().ifPresent(errors ->
                explainedBy.forEach((caller, callee) -> {
                    double share = callee.explained() / fused.get(caller);
                    errors.findings(caller).forEach(item -> relayed.computeIfAbsent(callee.callee(), k -> new ArrayList<>())
                            .add(new EvidenceItem(callee.callee(), item.kind(), item.subject(),
                                    "logged by its caller " + caller + ": " + item.finding(), share * item.score(),
                                    item.traceIds())));
                }));
        return relayed;
    }

    /** AutoMAP's metric-type weights learn from every confirmed diagnosis, whatever else the window had. */
    @Override
    public Learner learner() {
        return metricsOnly.learner();
    }

    /** BARO's robust deviation per service with metrics, on a log scale like the span channels. */
    private Channel metricChannel(DiagnosisWindow window, DeviationScores deviations) {
        Channel channel = new Channel(METRICS, config.resolution());
        Map<String, Map<String, Double>> byType = deviations.contributions();
        for (int s = 0; s < window.services().size(); s++) {
            String service = window.services().get(s);
            if (!hasMetrics(window, s)) {
                continue;
            }
            channel.score(service, Math.log1p(deviations.serviceScore(s)));
            byType.get(service).entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(strongest ->
                    channel.finding(new EvidenceItem(service, EvidenceItem.Kind.METRIC, strongest.getKey(),
                            String.format("%.1f robust deviations from the normal period (median, IQR)",
                                    strongest.getValue()), Math.log1p(strongest.getValue()), List.of())));
        }
        return channel;
    }

    /**
     * The metric channel's contribution shared among the service's metric types in proportion to their deviations, so
     * the contributions name metric types as those of the metric-only methods do.
     */
    private static void splitByMetricType(double contribution, Map<String, Double> deviations,
                                          Map<String, Double> byChannel) {
        double total = deviations.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            byChannel.put(METRICS, contribution);
            return;
        }
        deviations.forEach((type, deviation) -> byChannel.put(type, contribution * deviation / total));
    }

    private static boolean hasMetrics(DiagnosisWindow window, int service) {
        for (int t = 0; t < window.metricTypes().size(); t++) {
            if (window.hasSeries(t, service)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Findings of the channels that raised each of the top candidates and the error templates its callers relayed, its
     * path, and the contributions as reported.
     */
    private static Explanation explanation(List<RankedService> ranking, List<Channel> channels,
                                           Map<String, Map<String, Double>> byChannel,
                                           Map<String, Map<String, Double>> contributions, CallPaths paths,
                                           Map<String, List<EvidenceItem>> relayed) {
        List<WalkPath> walkPaths = new ArrayList<>();
        List<EvidenceItem> evidence = new ArrayList<>();
        for (RankedService candidate : ranking.subList(0, Math.min(EXPLAINED_CANDIDATES, ranking.size()))) {
            walkPaths.add(paths.pathTo(candidate.service()));
            channels.stream()
                    .filter(c -> byChannel.getOrDefault(candidate.service(), Map.of()).getOrDefault(c.name(), 0.0) > 0)
                    .flatMap(c -> c.findings(candidate.service()).stream())
                    .sorted(Comparator.comparingDouble(EvidenceItem::score).reversed())
                    .limit(FINDINGS_PER_CANDIDATE)
                    .forEach(evidence::add);
            relayed.getOrDefault(candidate.service(), List.of()).stream()
                    .sorted(Comparator.comparingDouble(EvidenceItem::score).reversed())
                    .limit(RELAYED_FINDINGS_PER_CANDIDATE)
                    .forEach(evidence::add);
        }
        return new Explanation(List.of(), contributions, walkPaths, Map.of(), evidence);
    }
}
