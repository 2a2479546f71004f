package io.rootscope.backend.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.etl.parse.ParseResult;
import io.rootscope.backend.etl.write.PushedSample;
import io.rootscope.backend.etl.write.PushedSeries;
import io.rootscope.backend.ingest.prompb.RemoteWrite;
import io.rootscope.backend.refusal.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus remote write 1.0 {@code WriteRequest} (uncompressed protobuf) into pushed series. A series whose labels
 * break the specification (no {@code __name__}, a label name empty, repeated or out of order) is rejected with the
 * reason; a label with an empty value is dropped (Prometheus's data model: the same as no label). Non-finite values
 * (Prometheus's stale marker is a NaN; +-Inf) are skipped and counted: {@code pushed_sample} holds finite values only,
 * and a staleness marker says "no sample" rather than giving one.
 */
public final class RemoteWriteDecoder {

    static final String NAME_LABEL = "__name__";
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** The series of one request, its rejected series, and how many non-finite samples it skipped. */
    public record Decoded(ParseResult<PushedSeries> series, long nonFiniteSkipped) {
    }

    private RemoteWriteDecoder() {
    }

    /** @throws InvalidInputException when the bytes are no {@code WriteRequest} */
    public static Decoded decode(byte[] body) {
        RemoteWrite.WriteRequest request;
        try {
            request = RemoteWrite.WriteRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException("body", "not a Prometheus remote write WriteRequest: " + e.getMessage());
        }
        List<PushedSeries> accepted = new ArrayList<>(request.getTimeseriesCount());
        List<ParseReject> rejects = new ArrayList<>();
        long nonFinite = 0;
        for (int i = 0; i < request.getTimeseriesCount(); i++) {
            RemoteWrite.TimeSeries series = request.getTimeseries(i);
            String location = "timeseries[" + i + "]";
            Map<String, String> labels = new TreeMap<>();
            String problem = labelProblem(series, labels);
            String name = labels.remove(NAME_LABEL);
            if (problem == null && name == null) {
                problem = "no " + NAME_LABEL + " label";
            }
            if (problem != null) {
                rejects.add(new ParseReject(location + ".labels", problem));
                continue;
            }
            List<PushedSample> samples = new ArrayList<>(series.getSamplesCount());
            for (int j = 0; j < series.getSamplesCount(); j++) {
                RemoteWrite.Sample sample = series.getSamples(j);
                if (!Double.isFinite(sample.getValue())) {
                    nonFinite++;
                } else if (Math.abs(sample.getTimestamp()) > Long.MAX_VALUE / NANOS_PER_MILLI) {
                    rejects.add(new ParseReject(location + ".samples[" + j + "].timestamp", "outside the representable time range"));
                } else {
                    samples.add(new PushedSample(sample.getTimestamp() * NANOS_PER_MILLI, sample.getValue()));
                }
            }
            if (!samples.isEmpty()) {
                accepted.add(new PushedSeries(name, labels, samples));
            }
        }
        return new Decoded(new ParseResult<>(accepted, rejects), nonFinite);
    }

    /** Fills {@code labels} (empty values dropped); @return what breaks the specification, or null. */
    private static String labelProblem(RemoteWrite.TimeSeries series, Map<String, String> labels) {
        String previous = null;
        for (RemoteWrite.Label label : series.getLabelsList()) {
            String name = label.getName();
            if (name.isEmpty()) {
                return "a label with an empty name";
            }
            if (previous != null && name.compareTo(previous) <= 0) {
                return name.equals(previous) ? "label " + name + " repeated" : "labels not sorted by name (" + name + " after " + previous + ")";
            }
            previous = name;
            if (!label.getValue().isEmpty()) {
                labels.put(name, label.getValue());
            }
        }
        return null;
    }
}
