package io.rootscope.backend.etl.parse;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.rootscope.backend.etl.write.PushedSample;
import io.rootscope.backend.etl.write.PushedSeries;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Parses an OTLP {@code ExportMetricsServiceRequest} into series in Prometheus's data model ({@link PushedSeries}), as
 * the specification "Prometheus and OpenMetrics Compatibility" converts metric points ({@link PrometheusNames},
 * {@link PrometheusLabels}):
 * <ul>
 * <li>a gauge, and a cumulative non-monotonic sum, is one series of its name;</li>
 * <li>a cumulative monotonic sum is a counter: its name ends in {@code _total};</li>
 * <li>a cumulative histogram is {@code _bucket{le}} series (cumulative counts, the last {@code le="+Inf"}),
 * {@code _count} and {@code _sum} (when the point has a sum);</li>
 * <li>a cumulative exponential histogram is {@code _count} and {@code _sum} only: its buckets would be a Prometheus
 * native histogram, which series of samples cannot hold;</li>
 * <li>a summary is one series per quantile ({@code quantile} label), {@code _count} and {@code _sum}.</li>
 * </ul>
 * Delta temporality is rejected: the specification converts it to cumulative by accumulating across exports, state a
 * receiver of independent requests does not keep; OpenTelemetry SDKs export cumulative by default. A point flagged
 * {@code NO_RECORDED_VALUE} is skipped, exemplars are ignored, and so are {@code _created}, {@code target_info} and scope
 * labels. A bad data point is rejected at its path (e.g. {@code resourceMetrics[0].scopeMetrics[0].metrics[2].sum.dataPoints[1]})
 * with why; the other points are kept. Stateless and thread-safe.
 */
public final class OtlpMetricParser {

    private static final OtlpShape<ExportMetricsServiceRequest, ResourceMetrics, ScopeMetrics, Metric> SHAPE =
            new OtlpShape<>(ExportMetricsServiceRequest.getDefaultInstance(), ExportMetricsServiceRequest.parser(),
                    "resourceMetrics", "scopeMetrics", "metrics", ExportMetricsServiceRequest::getResourceMetricsList,
                    ResourceMetrics::getResource, ResourceMetrics::getScopeMetricsList, ScopeMetrics::getMetricsList);
    private static final int NO_RECORDED_VALUE = DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE;

    /** Adds a valid point's samples to {@code out}; a bad point is a problem, and adds none. */
    private interface PointSamples<P> {
        void add(P point, Map<String, String> labels, long time, List<Sample> out) throws FieldProblem;
    }

    /** The accessors every kind of data point has, and how its samples are made. */
    private record PointKind<P>(Function<P, List<KeyValue>> attributes, ToLongFunction<P> time, ToIntFunction<P> flags,
                                PointSamples<P> samples) {
    }

    /** One sample of a point before it is grouped into its series. */
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private record SeriesKey(String name, Map<String, String> labels) {
    }

    /**
     * The request in the given encoding (the JSON mapping all or nothing, {@link OtlpJsonDecoder#decodeAllOrNothing}).
     *
     * @throws MalformedPayloadException if the payload cannot be decoded as an {@code ExportMetricsServiceRequest} at all
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<PushedSeries> parse(InputStream body, OtlpEncoding encoding) throws IOException {
        return parse(encoding == OtlpEncoding.PROTOBUF ? OtlpProtobuf.decode(body, SHAPE).request()
                : OtlpJsonDecoder.decodeAllOrNothing(body, SHAPE));
    }

    /** A decoded request, from any transport. */
    public ParseResult<PushedSeries> parse(ExportMetricsServiceRequest request) {
        Map<SeriesKey, List<PushedSample>> series = new LinkedHashMap<>();
        List<ParseReject> rejects = new ArrayList<>();
        for (int r = 0; r < request.getResourceMetricsCount(); r++) {
            ResourceMetrics resource = request.getResourceMetrics(r);
            String resourcePath = OtlpFields.elementPath("resourceMetrics", r);
            Map<String, String> resourceLabels;
            ParseReject resourceProblem = null;
            try {
                resourceLabels = PrometheusLabels.values(resource.getResource().getAttributesList());
            } catch (FieldProblem e) {
                resourceLabels = Map.of();
                resourceProblem = e.reject(resourcePath + ".resource.attributes");
            }
            for (int s = 0; s < resource.getScopeMetricsCount(); s++) {
                ScopeMetrics scope = resource.getScopeMetrics(s);
                String scopePath = OtlpFields.elementPath(resourcePath + ".scopeMetrics", s);
                for (int m = 0; m < scope.getMetricsCount(); m++) {
                    new MetricReader(OtlpFields.elementPath(scopePath + ".metrics", m), resourceLabels, resourceProblem, series, rejects)
                            .read(scope.getMetrics(m));
                }
            }
        }
        List<PushedSeries> accepted = new ArrayList<>(series.size());
        series.forEach((key, samples) -> accepted.add(new PushedSeries(key.name(), key.labels(), samples)));
        return new ParseResult<>(accepted, rejects);
    }

    /** Reads one metric's points into the series of the request, or rejects them. */
    private record MetricReader(String path, Map<String, String> resourceLabels, ParseReject resourceProblem,
                                Map<SeriesKey, List<PushedSample>> series, List<ParseReject> rejects) {

        void read(Metric metric) {
            String name = metric.getName();
            String unit = metric.getUnit();
            switch (metric.getDataCase()) {
                case GAUGE -> points("gauge", metric.getGauge().getDataPointsList(), null,
                        numbers(PrometheusNames.metricName(name, unit, true, false)));
                case SUM -> {
                    boolean monotonic = metric.getSum().getIsMonotonic();
                    points("sum", metric.getSum().getDataPointsList(), temporalityProblem(metric.getSum().getAggregationTemporality()),
                            numbers(PrometheusNames.metricName(name, unit, false, monotonic)));
                }
                case HISTOGRAM -> points("histogram", metric.getHistogram().getDataPointsList(),
                        temporalityProblem(metric.getHistogram().getAggregationTemporality()),
                        histograms(PrometheusNames.metricName(name, unit, false, false)));
                case EXPONENTIAL_HISTOGRAM -> points("exponentialHistogram", metric.getExponentialHistogram().getDataPointsList(),
                        temporalityProblem(metric.getExponentialHistogram().getAggregationTemporality()),
                        exponentialHistograms(PrometheusNames.metricName(name, unit, false, false)));
                case SUMMARY -> points("summary", metric.getSummary().getDataPointsList(), null,
                        summaries(PrometheusNames.metricName(name, unit, false, false)));
                default -> {
                    // No data: no points to keep or reject.
                }
            }
        }

        /**
         * Each point of the metric (its data field {@code dataField}) into samples, or rejected: all of them when the metric
         * itself has a {@code problem}, or its name or its resource is unusable.
         */
        private <P> void points(String dataField, List<P> points, String problem, PointKind<P> kind) {
            String pointsPath = path + "." + dataField + ".dataPoints";
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                P point = points.get(i);
                String pointPath = OtlpFields.elementPath(pointsPath, i);
                if ((kind.flags().applyAsInt(point) & NO_RECORDED_VALUE) != 0) {
                    continue;
                }
                if (resourceProblem != null) {
                    rejects.add(new ParseReject(pointPath, "resource: " + resourceProblem));
                    continue;
                }
                if (problem != null) {
                    rejects.add(new ParseReject(pointPath, problem));
                    continue;
                }
                String field = "timeUnixNano";
                try {
                    long time = OtlpFields.unixNano(kind.time().applyAsLong(point));
                    if (time == 0) {
                        throw new FieldProblem("missing");
                    }
                    field = "attributes";
                    Map<String, String> labels = PrometheusLabels.of(resourceLabels, PrometheusLabels.values(kind.attributes().apply(point)));
                    field = "";
                    samples.clear();
                    kind.samples().add(point, labels, time, samples);
                    for (Sample sample : samples) {
                        series.computeIfAbsent(new SeriesKey(sample.name(), sample.labels()), k -> new ArrayList<>())
                                .add(new PushedSample(time, sample.value()));
                    }
                } catch (FieldProblem e) {
                    rejects.add(e.reject(field.isEmpty() ? pointPath : pointPath + "." + field));
                }
            }
        }

        private static String temporalityProblem(AggregationTemporality temporality) {
            return switch (temporality) {
                case AGGREGATION_TEMPORALITY_CUMULATIVE -> null;
                case AGGREGATION_TEMPORALITY_DELTA -> "aggregationTemporality DELTA is not taken: Prometheus's data model is "
                        + "cumulative (set the exporter's temporality preference to cumulative, the SDKs' default)";
                default -> "aggregationTemporality " + temporality + " is not taken: only CUMULATIVE is";
            };
        }
    }

    private static PointKind<NumberDataPoint> numbers(String name) {
        return new PointKind<>(NumberDataPoint::getAttributesList, NumberDataPoint::getTimeUnixNano, NumberDataPoint::getFlags,
                (point, labels, time, out) -> {
                    checkName(name);
                    double value = switch (point.getValueCase()) {
                        case AS_DOUBLE -> finite(point.getAsDouble(), ".asDouble");
                        case AS_INT -> point.getAsInt();
                        default -> throw new FieldProblem("no value (asDouble or asInt)");
                    };
                    out.add(new Sample(name, labels, value));
                });
    }

    private static PointKind<HistogramDataPoint> histograms(String name) {
        return new PointKind<>(HistogramDataPoint::getAttributesList, HistogramDataPoint::getTimeUnixNano, HistogramDataPoint::getFlags,
                (point, labels, time, out) -> {
                    checkName(name);
                    List<Double> bounds = point.getExplicitBoundsList();
                    List<Long> counts = point.getBucketCountsList();
                    if (!counts.isEmpty() && counts.size() != bounds.size() + 1) {
                        throw new FieldProblem(".bucketCounts", counts.size() + " counts for " + bounds.size()
                                + " explicitBounds (expected " + (bounds.size() + 1) + ")");
                    }
                    double count = count(point.getCount(), ".count");
                    double cumulative = 0;
                    for (int i = 0; i < bounds.size(); i++) {
                        double bound = finite(bounds.get(i), ".explicitBounds[" + i + "]");
                        if (i > 0 && bound <= bounds.get(i - 1)) {
                            throw new FieldProblem(".explicitBounds[" + i + "]", "not greater than the bound before it");
                        }
                        if (!counts.isEmpty()) {
                            cumulative += count(counts.get(i), ".bucketCounts[" + i + "]");
                            out.add(new Sample(name + "_bucket", with(labels, "le", PrometheusNames.number(bound)), cumulative));
                        }
                    }
                    out.add(new Sample(name + "_bucket", with(labels, "le", "+Inf"), count));
                    out.add(new Sample(name + "_count", labels, count));
                    if (point.hasSum()) {
                        out.add(new Sample(name + "_sum", labels, finite(point.getSum(), ".sum")));
                    }
                });
    }

    private static PointKind<ExponentialHistogramDataPoint> exponentialHistograms(String name) {
        return new PointKind<>(ExponentialHistogramDataPoint::getAttributesList, ExponentialHistogramDataPoint::getTimeUnixNano,
                ExponentialHistogramDataPoint::getFlags, (point, labels, time, out) -> {
                    checkName(name);
                    out.add(new Sample(name + "_count", labels, count(point.getCount(), ".count")));
                    if (point.hasSum()) {
                        out.add(new Sample(name + "_sum", labels, finite(point.getSum(), ".sum")));
                    }
                });
    }

    private static PointKind<SummaryDataPoint> summaries(String name) {
        return new PointKind<>(SummaryDataPoint::getAttributesList, SummaryDataPoint::getTimeUnixNano, SummaryDataPoint::getFlags,
                (point, labels, time, out) -> {
                    checkName(name);
                    for (int i = 0; i < point.getQuantileValuesCount(); i++) {
                        SummaryDataPoint.ValueAtQuantile quantile = point.getQuantileValues(i);
                        String at = ".quantileValues[" + i + "]";
                        if (!(quantile.getQuantile() >= 0 && quantile.getQuantile() <= 1)) {
                            throw new FieldProblem(at + ".quantile", "not between 0 and 1: " + quantile.getQuantile());
                        }
                        out.add(new Sample(name, with(labels, "quantile", PrometheusNames.number(quantile.getQuantile())),
                                finite(quantile.getValue(), at + ".value")));
                    }
                    out.add(new Sample(name + "_count", labels, count(point.getCount(), ".count")));
                    out.add(new Sample(name + "_sum", labels, finite(point.getSum(), ".sum")));
                });
    }

    /** A metric whose name has no valid character left has no series to go to. */
    private static void checkName(String name) throws FieldProblem {
        if (name.isEmpty()) {
            throw new FieldProblem("the metric's name has no character a Prometheus metric name can hold");
        }
    }

    private static double finite(double value, String subPath) throws FieldProblem {
        if (!Double.isFinite(value)) {
            throw new FieldProblem(subPath, "not a finite number: " + value);
        }
        return value;
    }

    /** A {@code uint64}/{@code fixed64} count; beyond the signed 64-bit range it is out of range. */
    private static double count(long unsigned, String subPath) throws FieldProblem {
        if (unsigned < 0) {
            throw new FieldProblem(subPath, "out of range: " + Long.toUnsignedString(unsigned));
        }
        return unsigned;
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(name, value);
        return more;
    }
}
