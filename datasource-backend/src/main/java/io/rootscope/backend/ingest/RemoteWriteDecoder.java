package io.rootscope.backend.ingest;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.etl.parse.ParseResult;
import io.rootscope.backend.etl.write.PushedSample;
import io.rootscope.backend.etl.write.PushedSeries;
import io.rootscope.backend.refusal.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus remote write 1.0 {@code WriteRequest} (uncompressed protobuf, {@code prompb/remote_write.proto}) into
 * pushed series. A series whose labels break the specification (no {@code __name__}, a label name empty, repeated or out
 * of order) is rejected with the reason; a label with an empty value is dropped (Prometheus's data model: the same as
 * no label). Non-finite values (Prometheus's stale marker is a NaN; +-Inf) are skipped and counted: {@code pushed_sample}
 * holds finite values only, and a staleness marker says "no sample" rather than giving one.
 *
 * <p>Read field by field with protobuf's {@link CodedInputStream} straight into the series, rather than into the
 * generated messages first: a request is thousands of small label and sample messages, and building each as a message
 * (and its builder) cost more than the rest of its decoding. Fields outside the specification (exemplars, native
 * histograms, metadata) are skipped, as the generated parser would keep them as unknown fields.
 */
public final class RemoteWriteDecoder {

    static final String NAME_LABEL = "__name__";
    private static final long NANOS_PER_MILLI = 1_000_000L;
    // Tags (field number << 3 | wire type) of the messages' fields, as remote_write.proto numbers them.
    private static final int WRITE_REQUEST_TIMESERIES = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int TIMESERIES_LABELS = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int TIMESERIES_SAMPLES = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int LABEL_NAME = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int LABEL_VALUE = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SAMPLE_VALUE = tag(1, WireFormat.WIRETYPE_FIXED64);
    private static final int SAMPLE_TIMESTAMP = tag(2, WireFormat.WIRETYPE_VARINT);

    /** The series of one request, its rejected series, and how many non-finite samples it skipped. */
    public record Decoded(ParseResult<PushedSeries> series, long nonFiniteSkipped) {
    }

    private RemoteWriteDecoder() {
    }

    /** @throws InvalidInputException when the bytes are no {@code WriteRequest} */
    public static Decoded decode(byte[] body) {
        try {
            return request(CodedInputStream.newInstance(body));
        } catch (IOException e) {
            throw new InvalidInputException("body", "not a Prometheus remote write WriteRequest: " + e.getMessage());
        }
    }

    private static Decoded request(CodedInputStream in) throws IOException {
        List<PushedSeries> accepted = new ArrayList<>();
        List<ParseReject> rejects = new ArrayList<>();
        long nonFinite = 0;
        int index = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag != WRITE_REQUEST_TIMESERIES) {
                skip(in, tag);
                continue;
            }
            int limit = in.pushLimit(in.readRawVarint32());
            nonFinite += timeSeries(in, index++, accepted, rejects);
            in.popLimit(limit);
        }
        return new Decoded(new ParseResult<>(accepted, rejects), nonFinite);
    }

    /** One {@code TimeSeries}, accepted or rejected. @return its non-finite samples skipped */
    private static long timeSeries(CodedInputStream in, int index, List<PushedSeries> accepted, List<ParseReject> rejects)
            throws IOException {
        String metric = null;
        Map<String, String> labels = new TreeMap<>();
        String problem = null;
        String previous = null;
        List<PushedSample> samples = new ArrayList<>();
        List<ParseReject> sampleRejects = new ArrayList<>(0);
        long nonFinite = 0;
        int sampleIndex = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int limit;
            if (tag == TIMESERIES_LABELS) {
                limit = in.pushLimit(in.readRawVarint32());
                String name = "";
                String value = "";
                for (int field = in.readTag(); field != 0; field = in.readTag()) {
                    if (field == LABEL_NAME) {
                        name = in.readStringRequireUtf8();
                    } else if (field == LABEL_VALUE) {
                        value = in.readStringRequireUtf8();
                    } else {
                        skip(in, field);
                    }
                }
                if (problem == null) {
                    problem = labelProblem(name, previous);
                }
                previous = name;
                // An empty value is no label, __name__'s included.
                if (name.equals(NAME_LABEL)) {
                    metric = value.isEmpty() ? null : value;
                } else if (!value.isEmpty()) {
                    labels.put(name, value);
                }
            } else if (tag == TIMESERIES_SAMPLES) {
                limit = in.pushLimit(in.readRawVarint32());
                double value = 0;
                long timestamp = 0;
                for (int field = in.readTag(); field != 0; field = in.readTag()) {
                    if (field == SAMPLE_VALUE) {
                        value = in.readDouble();
                    } else if (field == SAMPLE_TIMESTAMP) {
                        timestamp = in.readInt64();
                    } else {
                        skip(in, field);
                    }
                }
                int j = sampleIndex++;
                if (!Double.isFinite(value)) {
                    nonFinite++;
                } else if (Math.abs(timestamp) > Long.MAX_VALUE / NANOS_PER_MILLI) {
                    sampleRejects.add(new ParseReject(location(index) + ".samples[" + j + "].timestamp", "outside the representable time range"));
                } else {
                    samples.add(new PushedSample(timestamp * NANOS_PER_MILLI, value));
                }
            } else {
                skip(in, tag);
                continue;
            }
            in.popLimit(limit);
        }
        if (problem == null && metric == null) {
            problem = "no " + NAME_LABEL + " label";
        }
        if (problem != null) {
            rejects.add(new ParseReject(location(index) + ".labels", problem));
            return 0;
        }
        rejects.addAll(sampleRejects);
        if (!samples.isEmpty()) {
            accepted.add(new PushedSeries(metric, labels, samples));
        }
        return nonFinite;
    }

    /** Where a series is in the request, named only for a reject: most series have none. */
    private static String location(int index) {
        return "timeseries[" + index + "]";
    }

    /** What a label's name breaks in the specification, following {@code previous} (null for the first), or null. */
    private static String labelProblem(String name, String previous) {
        if (name.isEmpty()) {
            return "a label with an empty name";
        }
        if (previous != null && name.compareTo(previous) <= 0) {
            return name.equals(previous) ? "label " + name + " repeated" : "labels not sorted by name (" + name + " after " + previous + ")";
        }
        return null;
    }

    /** Skips a field outside the specification; an end-group tag with no group open ends no message here. */
    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new IOException("an end-group tag outside any group");
        }
    }

    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }
}
