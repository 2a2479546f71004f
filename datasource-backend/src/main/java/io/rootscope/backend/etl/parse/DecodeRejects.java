package io.rootscope.backend.etl.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What decoding a request left out, by where the mapping to records meets it, so that its rejects stay in document order
 * among the mapping's: a record that did not decode (an empty record stands in its place, so later paths keep their
 * index), a resource that did not decode (its records are rejected with it), and the rest (an array that is not one, an
 * entry that is not an object, a bad scope) at the start of the resource entry holding it, or of the request.
 */
final class DecodeRejects {

    /** The entry path of rejects that precede the first resource entry. */
    static final String REQUEST = "";

    /** Set for a request type decoded all or nothing: its first problem fails the request (a 400 naming it). */
    private final String failingRequestType;
    private final Map<String, ParseReject> records = new HashMap<>();
    private final Map<String, ParseReject> resources = new HashMap<>();
    private final Map<String, List<ParseReject>> entries = new HashMap<>();

    DecodeRejects() {
        this(null);
    }

    private DecodeRejects(String failingRequestType) {
        this.failingRequestType = failingRequestType;
    }

    /** Rejects that each fail the whole request of {@code requestType}, instead of being kept beside the good records. */
    static DecodeRejects failing(String requestType) {
        return new DecodeRejects(requestType);
    }

    void rejectRecord(String recordPath, ParseReject reject) {
        failIfAllOrNothing(reject);
        records.put(recordPath, reject);
    }

    void rejectResource(String entryPath, ParseReject reject) {
        failIfAllOrNothing(reject);
        resources.put(entryPath, reject);
    }

    void rejectInEntry(String entryPath, ParseReject reject) {
        failIfAllOrNothing(reject);
        entries.computeIfAbsent(entryPath, path -> new ArrayList<>()).add(reject);
    }

    /** The reject of the record at this path, or null when it decoded. */
    ParseReject record(String recordPath) {
        return records.get(recordPath);
    }

    /** The reject of the resource of the entry at this path, or null when it decoded. */
    ParseReject resource(String entryPath) {
        return resources.get(entryPath);
    }

    /** The other rejects inside the resource entry at this path, or before the entries ({@link #REQUEST}). */
    List<ParseReject> inEntry(String entryPath) {
        return entries.getOrDefault(entryPath, List.of());
    }

    private void failIfAllOrNothing(ParseReject reject) {
        if (failingRequestType != null) {
            throw new MalformedPayloadException("payload is not an OTLP/JSON " + failingRequestType + ": " + reject.location() + ": " + reject.problem());
        }
    }
}
