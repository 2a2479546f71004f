package io.rootscope.backend.etl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.rootscope.backend.etl.write.PushedSample;
import io.rootscope.backend.etl.write.PushedSeries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every kind of OTLP data point into series named as OpenTelemetry's Prometheus compatibility specification says. */
class OtlpMetricParserTest {

    private static final long T = 1_765_000_000_000_000_000L;
    private final OtlpMetricParser parser = new OtlpMetricParser();

    @Test
    void aGaugeIsOneSeriesWithItsUnitAndRatioForUnitOne() {
        ParseResult<PushedSeries> parsed = parser.parse(request(resource("carts", null, null),
                gauge("system.cpu.utilization", "1", number(0.25).addAttributes(attr("cpu", "0"))),
                gauge("queue.length", "{message}", NumberDataPoint.newBuilder().setTimeUnixNano(T).setAsInt(7))));
        assertEquals(List.of(), parsed.rejects());
        assertEquals(Map.of(
                "system_cpu_utilization_ratio{cpu=0,job=carts,service_name=carts}", "0.25",
                "queue_length{job=carts,service_name=carts}", "7.0"), values(parsed));
    }

    @Test
    void aMonotonicCumulativeSumIsACounterEndingInTotalAndANonMonotonicOneIsAGauge() {
        ParseResult<PushedSeries> parsed = parser.parse(request(Resource.getDefaultInstance(),
                sum("process.cpu.time", "s", true, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, number(12.5)),
                sum("http.requests_total", "1", true, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, number(3)),
                sum("jvm.memory.used", "By", false, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                        number(1024).addAttributes(attr("jvm.memory.pool.name", "G1 Eden Space"))),
                sum("network.io", "By/s", false, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, number(9))));
        assertEquals(List.of(), parsed.rejects());
        assertEquals(Map.of(
                "process_cpu_time_seconds_total{}", "12.5",
                "http_requests_total{}", "3.0",
                "jvm_memory_used_bytes{jvm_memory_pool_name=G1 Eden Space}", "1024.0",
                "network_io_bytes_per_second{}", "9.0"), values(parsed));
    }

    @Test
    void aUnitTheNameAlreadyHoldsIsNotAddedAgain() {
        assertEquals("http_server_duration_seconds_bucket",
                PrometheusNames.metricName("http.server.duration_seconds", "s", false, false) + "_bucket");
        assertEquals("request_latency_milliseconds", PrometheusNames.metricName("request.latency", "ms", false, false));
        assertEquals("cache_hits_total", PrometheusNames.metricName("cache.hits", "{hit}", false, true));
        assertEquals("temperature_celsius", PrometheusNames.metricName("temperature", "Cel", true, false));
        assertEquals("disk_ops_per_second", PrometheusNames.metricName("disk.ops", "1/s", false, false));
        assertEquals("foo_custom_units", PrometheusNames.metricName("foo", "custom.units", false, false));
    }

    @Test
    void invalidCharactersBecomeOneUnderscoreAndALeadingDigitIsPrefixed() {
        assertEquals("my_metric_name", PrometheusNames.metricName("my..metric-name", "", true, false));
        assertEquals("_3xx_responses_total", PrometheusNames.metricName("3xx responses", "", false, true));
        assertEquals("ns:metric", PrometheusNames.metricName("ns:metric", "", true, false));
        assertEquals("", PrometheusNames.metricName("...", "", true, false));
        assertEquals("k8s_pod_name", PrometheusNames.labelName("k8s.pod.name"));
        assertEquals("key_0_label", PrometheusNames.labelName("0.label"));
        assertEquals("a_b", PrometheusNames.labelName("a/-b"));
    }

    @Test
    void theResourceGivesJobInstanceAndEveryAttributeAsALabel() {
        Resource resource = resource("carts", "sock-shop", "carts-7f9c").toBuilder()
                .addAttributes(attr("k8s.pod.name", "carts-7f9c-abc")).addAttributes(attr("k8s.namespace.name", "sock-shop"))
                .addAttributes(KeyValue.newBuilder().setKey("host.cpu.count").setValue(AnyValue.newBuilder().setIntValue(4)))
                .addAttributes(KeyValue.newBuilder().setKey("process.command_args").setValue(AnyValue.newBuilder()
                        .setArrayValue(ArrayValue.newBuilder().addValues(string("java")).addValues(string("-jar"))))).build();
        ParseResult<PushedSeries> parsed = parser.parse(request(resource, gauge("g", "", number(1)
                .addAttributes(attr("k8s.pod.name", "from-the-point")).addAttributes(attr("empty", "")))));
        assertEquals(List.of(), parsed.rejects());
        assertEquals(new TreeMap<>(Map.of("job", "sock-shop/carts", "instance", "carts-7f9c", "service_name", "carts",
                "service_namespace", "sock-shop", "service_instance_id", "carts-7f9c", "k8s_pod_name", "from-the-point",
                "k8s_namespace_name", "sock-shop", "host_cpu_count", "4", "process_command_args", "[\"java\",\"-jar\"]")),
                new TreeMap<>(parsed.accepted().get(0).labels()), "the point's attribute wins over the resource's; an empty value is left out");
    }

    @Test
    void attributesBecomingOneLabelNameHaveTheirValuesJoinedInKeyOrder() {
        ParseResult<PushedSeries> parsed = parser.parse(request(Resource.getDefaultInstance(),
                gauge("g", "", number(1).addAttributes(attr("http_method", "b")).addAttributes(attr("http.method", "a")))));
        assertEquals(Map.of("http_method", "a;b"), parsed.accepted().get(0).labels());
    }

    @Test
    void aHistogramIsCumulativeBucketsWithLeCountAndSum() {
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setTimeUnixNano(T).setCount(10).setSum(0.42)
                .addAllExplicitBounds(List.of(0.005, 0.1, 1000.0)).addAllBucketCounts(List.of(2L, 5L, 3L, 0L))
                .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code").setValue(AnyValue.newBuilder().setIntValue(200)))
                .addExemplars(Exemplar.newBuilder().setAsDouble(0.05).setTimeUnixNano(T));
        ParseResult<PushedSeries> parsed = parser.parse(request(Resource.getDefaultInstance(),
                histogram("http.server.request.duration", "s", AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, point)));
        assertEquals(List.of(), parsed.rejects());
        String labels = "http_response_status_code=200";
        assertEquals(Map.of(
                "http_server_request_duration_seconds_bucket{" + labels + ",le=0.005}", "2.0",
                "http_server_request_duration_seconds_bucket{" + labels + ",le=0.1}", "7.0",
                "http_server_request_duration_seconds_bucket{" + labels + ",le=1000}", "10.0",
                "http_server_request_duration_seconds_bucket{" + labels + ",le=+Inf}", "10.0",
                "http_server_request_duration_seconds_count{" + labels + "}", "10.0",
                "http_server_request_duration_seconds_sum{" + labels + "}", "0.42"), values(parsed));
    }

    @Test
    void aHistogramWithoutBucketsOrSumHasItsInfBucketAndCount() {
        ParseResult<PushedSeries> parsed = parser.parse(request(Resource.getDefaultInstance(), histogram("h", "",
                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, HistogramDataPoint.newBuilder().setTimeUnixNano(T).setCount(4))));
        assertEquals(Map.of("h_bucket{le=+Inf}", "4.0", "h_count{}", "4.0"), values(parsed));
    }

    @Test
    void anExponentialHistogramIsItsCountAndSumOnly() {
        ParseResult<PushedSeries> parsed = parser.parse(request(Resource.getDefaultInstance(), Metric.newBuilder().setName("rpc.server.duration")
                .setUnit("ms").setExponentialHistogram(ExponentialHistogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T).setCount(6).setSum(30).setScale(3)
                                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(2).addBucketCounts(6)))).build()));
        assertEquals(Map.of("rpc_server_duration_milliseconds_count{}", "6.0", "rpc_server_duration_milliseconds_sum{}", "30.0"),
                values(parsed));
    }

    @Test
    void aSummaryIsOneSeriesPerQuantileWithCountAndSum() {
        SummaryDataPoint.Builder point = SummaryDataPoint.newBuilder().setTimeUnixNano(T).setCount(100).setSum(12.5)
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(0.1))
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(0.9));
        ParseResult<PushedSeries> parsed = parser.parse(request(Resource.getDefaultInstance(),
                Metric.newBuilder().setName("gc.pause").setUnit("s").setSummary(Summary.newBuilder().addDataPoints(point)).build()));
        assertEquals(Map.of("gc_pause_seconds{quantile=0.5}", "0.1", "gc_pause_seconds{quantile=0.99}", "0.9",
                "gc_pause_seconds_count{}", "100.0", "gc_pause_seconds_sum{}", "12.5"), values(parsed));
    }

    @Test
    void deltaTemporalityIsRejectedPointByPointWhileTheOtherMetricsAreKept() {
        ParseResult<PushedSeries> parsed = parser.parse(request(Resource.getDefaultInstance(),
                gauge("kept", "", number(1)),
                sum("requests", "", true, AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, number(1), number(2)),
                histogram("latency", "s", AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
                        HistogramDataPoint.newBuilder().setTimeUnixNano(T).setCount(1))));
        assertEquals(Map.of("kept{}", "1.0"), values(parsed));
        assertEquals(List.of("resourceMetrics[0].scopeMetrics[0].metrics[1].sum.dataPoints[0]",
                        "resourceMetrics[0].scopeMetrics[0].metrics[1].sum.dataPoints[1]",
                        "resourceMetrics[0].scopeMetrics[0].metrics[2].histogram.dataPoints[0]"),
                parsed.rejects().stream().map(ParseReject::location).toList());
        assertTrue(parsed.rejects().get(0).problem().startsWith("aggregationTemporality DELTA is not taken"), parsed.rejects().toString());
    }

    @Test
    void aBadPointIsRejectedAtItsFieldAndTheGoodPointsOfItsMetricAreKept() {
        ParseResult<PushedSeries> parsed = parser.parse(request(Resource.getDefaultInstance(),
                gauge("g", "", number(1), number(Double.NaN), NumberDataPoint.newBuilder().setAsDouble(2),
                        number(3).addAttributes(attr("path", "a\u0000b")), NumberDataPoint.newBuilder().setTimeUnixNano(T)),
                histogram("h", "", AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                        HistogramDataPoint.newBuilder().setTimeUnixNano(T).setCount(3).addExplicitBounds(1).addBucketCounts(3),
                        HistogramDataPoint.newBuilder().setTimeUnixNano(T).setCount(3).addAllExplicitBounds(List.of(2.0, 1.0))
                                .addAllBucketCounts(List.of(1L, 1L, 1L)))));
        assertEquals(Map.of("g{}", "1.0"), values(parsed));
        String g = "resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints";
        String h = "resourceMetrics[0].scopeMetrics[0].metrics[1].histogram.dataPoints";
        assertEquals(List.of(g + "[1].asDouble: not a finite number: NaN", g + "[2].timeUnixNano: missing",
                g + "[3].attributes[path]: contains a NUL character (U+0000), which cannot be stored",
                g + "[4]: no value (asDouble or asInt)",
                h + "[0].bucketCounts: 1 counts for 1 explicitBounds (expected 2)",
                h + "[1].explicitBounds[1]: not greater than the bound before it"),
                parsed.rejects().stream().map(ParseReject::toString).toList());
    }

    @Test
    void aPointWithNoRecordedValueIsSkippedWithoutAReject() {
        ParseResult<PushedSeries> parsed = parser.parse(request(Resource.getDefaultInstance(), gauge("g", "",
                number(Double.NaN).setFlags(DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE), number(5))));
        assertEquals(Map.of("g{}", "5.0"), values(parsed));
        assertEquals(List.of(), parsed.rejects());
    }

    @Test
    void aNameWithNothingValidAndABadResourceRejectEveryPoint() {
        ParseResult<PushedSeries> parsed = parser.parse(ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                        .addMetrics(gauge("...", "", number(1)))))
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(Resource.newBuilder().addAttributes(attr("service.name", "a\u0000")))
                        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(gauge("g", "", number(1), number(2))))).build());
        assertEquals(List.of(), parsed.accepted());
        assertEquals(List.of("resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0]: the metric's name has no character "
                        + "a Prometheus metric name can hold",
                "resourceMetrics[1].scopeMetrics[0].metrics[0].gauge.dataPoints[0]: resource: resourceMetrics[1].resource.attributes"
                        + "[service.name]: contains a NUL character (U+0000), which cannot be stored",
                "resourceMetrics[1].scopeMetrics[0].metrics[0].gauge.dataPoints[1]: resource: resourceMetrics[1].resource.attributes"
                        + "[service.name]: contains a NUL character (U+0000), which cannot be stored"),
                parsed.rejects().stream().map(ParseReject::toString).toList());
    }

    @Test
    void pointsOfOneSeriesAreOneSeriesWithTheirSamplesInOrder() {
        ParseResult<PushedSeries> parsed = parser.parse(request(Resource.getDefaultInstance(),
                gauge("g", "", number(1), NumberDataPoint.newBuilder().setTimeUnixNano(T + 1_000_000_000L).setAsDouble(2))));
        assertEquals(List.of(new PushedSeries("g", Map.of(), List.of(new PushedSample(T, 1), new PushedSample(T + 1_000_000_000L, 2)))),
                parsed.accepted());
    }

    @Test
    void theJsonEncodingYieldsWhatProtobufDoes() throws IOException {
        ExportMetricsServiceRequest request = request(resource("carts", "sock-shop", null),
                sum("process.cpu.time", "s", true, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, number(12.5)),
                histogram("http.server.request.duration", "s", AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                        HistogramDataPoint.newBuilder().setTimeUnixNano(T).setCount(2).setSum(0.3).addExplicitBounds(0.25)
                                .addAllBucketCounts(List.of(1L, 1L))));
        ParseResult<PushedSeries> fromProtobuf = parser.parse(new ByteArrayInputStream(request.toByteArray()), OtlpEncoding.PROTOBUF);
        ParseResult<PushedSeries> fromJson = parser.parse(new ByteArrayInputStream(JsonFormat.printer().print(request)
                .getBytes(StandardCharsets.UTF_8)), OtlpEncoding.JSON);
        assertEquals(values(fromProtobuf), values(fromJson));
        assertEquals(5, values(fromJson).size(), "a counter, and a histogram of two buckets, count and sum");
    }

    @Test
    void handWrittenJsonWithEnumNumbersStringIntegersAndUnknownFieldsIsRead() throws IOException {
        String json = """
                {"resourceMetrics": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "carts"}}]},
                  "scopeMetrics": [{"scope": {"name": "io.opentelemetry.jvm"}, "metrics": [
                    {"name": "jvm.thread.count", "unit": "{thread}", "sum": {"aggregationTemporality": 2, "isMonotonic": false,
                      "dataPoints": [{"timeUnixNano": "%d", "asInt": "42", "exemplars": [{"spanId": "eee19b7ec3c1b174",
                      "traceId": "5b8efff798038103d269b633813fc60c", "asDouble": 1}]}]}, "somethingNew": true}]}]}]}"""
                .formatted(T);
        ParseResult<PushedSeries> parsed = parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), OtlpEncoding.JSON);
        assertEquals(List.of(), parsed.rejects());
        assertEquals(Map.of("jvm_thread_count{job=carts,service_name=carts}", "42.0"), values(parsed));
    }

    @Test
    void aBodyThatIsNotAnExportRequestIsMalformed() {
        MalformedPayloadException notJson = assertThrows(MalformedPayloadException.class,
                () -> parser.parse(new ByteArrayInputStream("{\"resourceMetrics\": [".getBytes(StandardCharsets.UTF_8)), OtlpEncoding.JSON));
        assertTrue(notJson.getMessage().startsWith("payload is not valid JSON at line 1"), notJson.getMessage());
        MalformedPayloadException wrongType = assertThrows(MalformedPayloadException.class,
                () -> parser.parse(new ByteArrayInputStream("{\"resourceMetrics\": 7}".getBytes(StandardCharsets.UTF_8)), OtlpEncoding.JSON));
        assertTrue(wrongType.getMessage().startsWith("payload is not an OTLP/JSON ExportMetricsServiceRequest: "), wrongType.getMessage());
        MalformedPayloadException deep = assertThrows(MalformedPayloadException.class,
                () -> parser.parse(new ByteArrayInputStream(("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                        .getBytes(StandardCharsets.UTF_8)), OtlpEncoding.JSON));
        assertTrue(deep.getMessage().startsWith("payload is not "), deep.getMessage());
        MalformedPayloadException notProtobuf = assertThrows(MalformedPayloadException.class,
                () -> parser.parse(new ByteArrayInputStream(new byte[] {(byte) 0x0a, (byte) 0xff}), OtlpEncoding.PROTOBUF));
        assertTrue(notProtobuf.getMessage().startsWith("payload is not an OTLP/protobuf ExportMetricsServiceRequest: "),
                notProtobuf.getMessage());
    }

    @Test
    void jsonThatDoesNotDecodeAnywhereFailsTheWholeRequestNamingWhere() {
        String badMetric = """
                {"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "ok", "gauge": {"dataPoints": [{"asInt": "1"}]}},
                  {"name": "bad", "gauge": {"dataPoints": [{"asInt": true}]}}]}]}]}""";
        MalformedPayloadException metric = assertThrows(MalformedPayloadException.class,
                () -> parser.parse(new ByteArrayInputStream(badMetric.getBytes(StandardCharsets.UTF_8)), OtlpEncoding.JSON));
        assertTrue(metric.getMessage().startsWith("payload is not an OTLP/JSON ExportMetricsServiceRequest: "
                + "resourceMetrics[0].scopeMetrics[0].metrics[1].gauge: "), metric.getMessage());
        MalformedPayloadException scope = assertThrows(MalformedPayloadException.class,
                () -> parser.parse(new ByteArrayInputStream("{\"resourceMetrics\": [{\"scopeMetrics\": [{\"scope\": 3}]}]}"
                        .getBytes(StandardCharsets.UTF_8)), OtlpEncoding.JSON));
        assertTrue(scope.getMessage().startsWith("payload is not an OTLP/JSON ExportMetricsServiceRequest: "
                + "resourceMetrics[0].scopeMetrics[0].scope: "), scope.getMessage());
        MalformedPayloadException trailing = assertThrows(MalformedPayloadException.class,
                () -> parser.parse(new ByteArrayInputStream("{\"resourceMetrics\": []} {}".getBytes(StandardCharsets.UTF_8)), OtlpEncoding.JSON));
        assertTrue(trailing.getMessage().startsWith("unexpected content after the ExportMetricsServiceRequest object"), trailing.getMessage());
    }

    @Test
    void numbersAreWrittenInPlainDecimal() {
        assertEquals("0.005", PrometheusNames.number(0.005));
        assertEquals("1000", PrometheusNames.number(1000));
        assertEquals("2.5", PrometheusNames.number(2.5));
        assertEquals("0.0000001", PrometheusNames.number(1e-7));
        assertEquals("0", PrometheusNames.number(-0.0));
        assertEquals("+Inf", PrometheusNames.number(Double.POSITIVE_INFINITY));
    }

    /** Each sample as {@code name{labels sorted}} → value, the series' only sample. */
    private static Map<String, String> values(ParseResult<PushedSeries> parsed) {
        return parsed.accepted().stream().collect(Collectors.toMap(
                s -> s.name() + new TreeMap<>(s.labels()).toString().replace(", ", ","),
                s -> s.samples().stream().map(sample -> Double.toString(sample.value())).collect(Collectors.joining(" "))));
    }

    private static ExportMetricsServiceRequest request(Resource resource, Metric... metrics) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource)
                .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics)))).build();
    }

    private static Metric gauge(String name, String unit, NumberDataPoint.Builder... points) {
        Gauge.Builder gauge = Gauge.newBuilder();
        for (NumberDataPoint.Builder point : points) {
            gauge.addDataPoints(point);
        }
        return Metric.newBuilder().setName(name).setUnit(unit).setGauge(gauge).build();
    }

    private static Metric sum(String name, String unit, boolean monotonic, AggregationTemporality temporality, NumberDataPoint.Builder... points) {
        Sum.Builder sum = Sum.newBuilder().setIsMonotonic(monotonic).setAggregationTemporality(temporality);
        for (NumberDataPoint.Builder point : points) {
            sum.addDataPoints(point);
        }
        return Metric.newBuilder().setName(name).setUnit(unit).setSum(sum).build();
    }

    private static Metric histogram(String name, String unit, AggregationTemporality temporality, HistogramDataPoint.Builder... points) {
        Histogram.Builder histogram = Histogram.newBuilder().setAggregationTemporality(temporality);
        for (HistogramDataPoint.Builder point : points) {
            histogram.addDataPoints(point);
        }
        return Metric.newBuilder().setName(name).setUnit(unit).setHistogram(histogram).build();
    }

    private static NumberDataPoint.Builder number(double value) {
        return NumberDataPoint.newBuilder().setTimeUnixNano(T).setAsDouble(value);
    }

    private static Resource resource(String service, String namespace, String instance) {
        Resource.Builder resource = Resource.newBuilder().addAttributes(attr("service.name", service));
        if (namespace != null) {
            resource.addAttributes(attr("service.namespace", namespace));
        }
        if (instance != null) {
            resource.addAttributes(attr("service.instance.id", instance));
        }
        return resource.build();
    }

    private static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(string(value)).build();
    }

    private static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }
}
