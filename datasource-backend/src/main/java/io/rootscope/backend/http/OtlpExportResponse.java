package io.rootscope.backend.http;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.rootscope.backend.etl.parse.ParseReject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code Export*ServiceResponse} of an OTLP export, whose {@code partial_success} tells the client how many records
 * were rejected and why (unset when none was): as protobuf bytes for a protobuf request, as the JSON mapping's
 * {@code partialSuccess} object for a JSON one.
 */
public enum OtlpExportResponse {

    TRACES("rejectedSpans") {
        @Override
        byte[] protobuf(List<ParseReject> rejects) {
            return traces(rejects).toByteArray();
        }
    },
    LOGS("rejectedLogRecords") {
        @Override
        byte[] protobuf(List<ParseReject> rejects) {
            return logs(rejects).toByteArray();
        }
    },
    METRICS("rejectedDataPoints") {
        @Override
        byte[] protobuf(List<ParseReject> rejects) {
            return metrics(rejects).toByteArray();
        }
    };

    /** How many rejects the error message names: the client logs it, the JSON answer lists more. */
    private static final int NAMED_REJECTS = 10;

    private final String rejectedField;

    OtlpExportResponse(String rejectedField) {
        this.rejectedField = rejectedField;
    }

    abstract byte[] protobuf(List<ParseReject> rejects);

    /** The JSON mapping's {@code partialSuccess}: the count as a decimal string (an int64), and the message. */
    Map<String, Object> partialSuccessJson(List<ParseReject> rejects) {
        Map<String, Object> partial = new LinkedHashMap<>();
        partial.put(rejectedField, Long.toString(rejects.size()));
        partial.put("errorMessage", errorMessage(rejects));
        return partial;
    }

    /** The trace export's response (also OTLP/gRPC's). */
    public static ExportTraceServiceResponse traces(List<ParseReject> rejects) {
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (!rejects.isEmpty()) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(rejects.size()).setErrorMessage(errorMessage(rejects)));
        }
        return response.build();
    }

    /** The logs export's response (also OTLP/gRPC's). */
    public static ExportLogsServiceResponse logs(List<ParseReject> rejects) {
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (!rejects.isEmpty()) {
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(rejects.size()).setErrorMessage(errorMessage(rejects)));
        }
        return response.build();
    }

    /** The metrics export's response (also OTLP/gRPC's). */
    public static ExportMetricsServiceResponse metrics(List<ParseReject> rejects) {
        ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
        if (!rejects.isEmpty()) {
            response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                    .setRejectedDataPoints(rejects.size()).setErrorMessage(errorMessage(rejects)));
        }
        return response.build();
    }

    private static String errorMessage(List<ParseReject> rejects) {
        String named = rejects.stream().limit(NAMED_REJECTS).map(ParseReject::toString).collect(Collectors.joining("; "));
        return rejects.size() + " rejected: " + named + (rejects.size() > NAMED_REJECTS ? "; ..." : "");
    }
}
