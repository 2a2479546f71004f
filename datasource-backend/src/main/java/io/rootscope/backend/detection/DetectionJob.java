package io.rootscope.backend.detection;

import io.rootscope.backend.incident.FailSafeListener;
import io.rootscope.backend.incident.IncidentListener;
import io.rootscope.analytics.detection.AnomalyTracker;
import io.rootscope.analytics.detection.DetectionRule;
import io.rootscope.analytics.detection.IncidentKey;
import io.rootscope.analytics.detection.IncidentTransition;
import io.rootscope.analytics.detection.MetricSelector;
import io.rootscope.analytics.detection.SeriesPoint;
import io.rootscope.analytics.detection.SeriesRef;
import io.rootscope.analytics.detection.Verdict;
import io.rootscope.backend.incident.IncidentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * Detects incidents in one time window of one tenant's metrics, logs and spans: reads the series the rules watch
 * (metrics through {@link MetricSeriesReader}, the log and span series of {@link DetectionSettings#telemetry} through
 * {@link TelemetrySeriesReader}), judges them with the rules' detectors, turns the verdicts into incidents with
 * {@link AnomalyTracker}, stores them through {@link IncidentStore} with evidence links, and tells the
 * {@link IncidentListener} about new ones.
 *
 * <p>Nothing is kept in memory between runs: each run rebuilds its state from the database. The detectors are
 * trained on the {@link io.rootscope.analytics.detection.AnomalyDetector#history history} they need before the
 * window (from before the anomaly for an incident still open, up to {@link DetectionSettings#maxLookback}); the
 * tracker replays {@link DetectionSettings#replay} before the window and is seeded with the incidents earlier runs
 * left open (resumed) or resolved during the replay (their verdicts are skipped). An incident is identified by its
 * rule, resource group and anomaly start, so running a window twice, or overlapping windows, stores nothing twice;
 * a restart loses nothing.
 *
 * <p>Run it after the ETL has written the window's metrics (the ETL scheduler's stage after aggregation), with
 * consecutive windows. Not thread-safe for one tenant: two concurrent runs could both open an incident.
 */
public final class DetectionJob {

    private final DetectionSettings settings;
    private final Map<String, DetectionRule> rules;
    private final MetricSeriesReader reader;
    private final TelemetrySeriesReader telemetryReader;
    private final Set<String> telemetryRules;
    private final StoredIncidentReader storedIncidents;
    private final IncidentStore incidents;
    private final TransitionWriter writer;
    private final IncidentListener listener;

    public DetectionJob(DSLContext db, DetectionSettings settings, IncidentListener listener) {
        this.settings = settings;
        this.rules = settings.allRules().stream()
                .collect(Collectors.toMap(DetectionRule::name, rule -> rule, (a, b) -> a, LinkedHashMap::new));
        this.telemetryRules = settings.telemetry().rules().stream().map(DetectionRule::name).collect(Collectors.toSet());
        this.reader = new MetricSeriesReader(db, settings.source());
        this.telemetryReader = new TelemetrySeriesReader(db, settings.telemetry());
        this.storedIncidents = new StoredIncidentReader(db);
        this.incidents = new IncidentStore(db);
        this.writer = new TransitionWriter(incidents, settings.source());
        this.listener = new FailSafeListener(listener);
    }

    /**
     * Detects incidents in [from, to) of one tenant.
     *
     * @throws IllegalArgumentException if {@code from} is not before {@code to}
     */
    public DetectionRun run(long tenantId, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("detection window from " + from + " must be before to " + to);
        }
        Instant replayStart = from.minus(settings.replay());
        AnomalyTracker tracker = new AnomalyTracker(rules.values().stream()
                .collect(Collectors.toMap(DetectionRule::name, DetectionRule::hysteresis)));
        Instant readStart = resume(tracker, tenantId, replayStart);
        Map<String, Long> resourceIds = new HashMap<>();
        Map<SeriesRef, List<Verdict>> verdicts = judge(tenantId, readStart, replayStart, to, resourceIds);
        Map<SeriesRef, TelemetrySeries> telemetry = new HashMap<>();
        verdicts.putAll(judgeTelemetry(tenantId, readStart, replayStart, to, resourceIds, telemetry));

        List<IncidentTransition> transitions = tracker.observeAll(verdicts);
        List<TransitionWriter.NewIncident> opened = new ArrayList<>();
        for (IncidentTransition transition : transitions) {
            writer.apply(tenantId, rules.get(transition.key().rule()), transition, resourceIds, telemetry).ifPresent(opened::add);
        }
        for (TransitionWriter.NewIncident incident : opened) {
            incidents.noteDiagnosisDue(incident.eventId(), tenantId, incident.frontendUrn(), incident.anomalyStart());
            listener.opened(incident.eventId(), tenantId, incident.frontendUrn(), incident.anomalyStart());
        }
        return new DetectionRun(opened.stream().map(TransitionWriter.NewIncident::eventId).toList(), transitions.size(),
                verdicts.size());
    }

    /**
     * Seeds the tracker with the incidents earlier runs left open at the replay start or resolved during the
     * replay; returns where reading must start for the detectors' history, before any resumed anomaly.
     */
    private Instant resume(AnomalyTracker tracker, long tenantId, Instant replayStart) {
        Instant readStart = replayStart.minus(settings.history());
        for (StoredIncident incident : storedIncidents.openAt(tenantId, rules.keySet(), replayStart)) {
            if (incident.endedAt().isPresent()) {
                tracker.suppressUntil(incident.key(), incident.endedAt().get().toEpochMilli());
            } else {
                tracker.restoreOpen(incident.key(), incident.startedAt().toEpochMilli());
                Instant beforeAnomaly = incident.startedAt().minus(settings.history());
                readStart = beforeAnomaly.isBefore(readStart) ? beforeAnomaly : readStart;
            }
        }
        Instant earliest = replayStart.minus(settings.maxLookback());
        return readStart.isBefore(earliest) ? earliest : readStart;
    }

    /** Reads every series the rules watch and judges it; records the resource id of each URN read. */
    private Map<SeriesRef, List<Verdict>> judge(long tenantId, Instant readStart, Instant replayStart, Instant to,
                                                Map<String, Long> resourceIds) {
        Map<SeriesRef, List<Verdict>> verdicts = new LinkedHashMap<>();
        Map<MetricSelector, List<MetricSeries>> read = new HashMap<>();
        for (DetectionRule rule : rules.values()) {
            if (telemetryRules.contains(rule.name())) {
                continue;
            }
            for (MetricSelector metric : rule.metrics()) {
                for (MetricSeries series : read.computeIfAbsent(metric, m -> reader.read(tenantId, m, readStart, to))) {
                    if (rule.sliResource().map(series.urn()::equals).orElse(true)) {
                        resourceIds.put(series.urn(), series.resourceId());
                        verdicts.put(new SeriesRef(new IncidentKey(rule.name(), series.urn()), series.urn(), metric),
                                judged(rule, series, replayStart));
                    }
                }
            }
        }
        return verdicts;
    }

    /**
     * Reads the series of the tenant's logs and spans and judges each with the rule of its signal; the series of one
     * service, its operations' included, share the service's incident key. Records each series read by its reference.
     */
    private Map<SeriesRef, List<Verdict>> judgeTelemetry(long tenantId, Instant readStart, Instant replayStart, Instant to,
                                                         Map<String, Long> resourceIds, Map<SeriesRef, TelemetrySeries> read) {
        Map<String, DetectionRule> bySignal = new HashMap<>();
        for (String name : telemetryRules) {
            DetectionRule rule = rules.get(name);
            rule.metrics().forEach(metric -> bySignal.put(metric.metric(), rule));
        }
        Map<SeriesRef, List<Verdict>> verdicts = new LinkedHashMap<>();
        for (TelemetrySeries series : telemetryReader.read(tenantId, readStart, to)) {
            DetectionRule rule = bySignal.get(series.signal());
            resourceIds.put(series.urn(), series.resourceId());
            SeriesRef ref = new SeriesRef(new IncidentKey(rule.name(), series.urn()), series.urn(),
                    MetricSelector.avg(series.subject()));
            read.put(ref, series);
            verdicts.put(ref, judged(rule, series.points(), replayStart));
        }
        return verdicts;
    }

    /** The rule's verdicts on the series from {@code replayStart} on; earlier points only train the detector. */
    private static List<Verdict> judged(DetectionRule rule, MetricSeries series, Instant replayStart) {
        return judged(rule, series.points(), replayStart);
    }

    private static List<Verdict> judged(DetectionRule rule, List<SeriesPoint> points, Instant replayStart) {
        long fromMillis = replayStart.toEpochMilli();
        return rule.detector().detect(points).stream().filter(v -> v.epochMillis() >= fromMillis).toList();
    }
}
