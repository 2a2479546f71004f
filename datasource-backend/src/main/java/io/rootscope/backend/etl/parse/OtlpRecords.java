package io.rootscope.backend.etl.parse;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The one mapping of a decoded OTLP export request, whichever encoding brought it, to records: each record read by the
 * signal's reader under the path the JSON mapping gives it (e.g. {@code resourceSpans[0].scopeSpans[0].spans[3]}) and
 * completed with its resource's service; all records of a resource rejected (one reject saying how many) when its service
 * attributes are bad.
 */
final class OtlpRecords {

    /** Reads one record at {@code path}; returns null after adding a reject. */
    interface RecordReader<M, T> {
        T read(M record, String path, List<ParseReject> rejects);
    }

    private OtlpRecords() {
    }

    static <Q extends Message, E, S, M, T, R> ParseResult<R> map(DecodedRequest<Q> decoded, OtlpShape<Q, E, S, M> shape,
                                                                 RecordReader<M, T> reader, BiFunction<T, ServiceRef, R> withService) {
        DecodeRejects early = decoded.rejects();
        List<R> records = new ArrayList<>();
        List<ParseReject> rejects = new ArrayList<>(early.inEntry(DecodeRejects.REQUEST));
        List<E> resources = shape.resources().apply(decoded.request());
        for (int r = 0; r < resources.size(); r++) {
            String resourcePath = OtlpFields.elementPath(shape.resourcesField(), r);
            rejects.addAll(early.inEntry(resourcePath));
            List<T> pending = new ArrayList<>();
            List<S> scopes = shape.scopes().apply(resources.get(r));
            for (int s = 0; s < scopes.size(); s++) {
                String recordsPath = OtlpFields.elementPath(resourcePath + "." + shape.scopesField(), s) + "." + shape.recordsField();
                List<M> scopeRecords = shape.records().apply(scopes.get(s));
                for (int i = 0; i < scopeRecords.size(); i++) {
                    String path = OtlpFields.elementPath(recordsPath, i);
                    ParseReject undecoded = early.record(path);
                    if (undecoded != null) {
                        rejects.add(undecoded);
                        continue;
                    }
                    T record = reader.read(scopeRecords.get(i), path, rejects);
                    if (record != null) {
                        pending.add(record);
                    }
                }
            }
            ParseReject resourceProblem = early.resource(resourcePath);
            ServiceRef service = ServiceRef.UNKNOWN;
            if (resourceProblem == null) {
                try {
                    service = OtlpFields.service(shape.resource().apply(resources.get(r)).getAttributesList());
                } catch (FieldProblem e) {
                    resourceProblem = e.reject(resourcePath + ".resource.attributes");
                }
            }
            if (resourceProblem != null) {
                rejects.add(new ParseReject(resourceProblem.location(), resourceProblem.problem()
                        + " (" + pending.size() + " " + shape.recordsField() + " rejected)"));
                continue;
            }
            for (T fields : pending) {
                records.add(withService.apply(fields, service));
            }
        }
        return new ParseResult<>(records, rejects);
    }
}
