package io.rootscope.backend.detection;

/** A resource an external event may be about: the URN a label maps to, and the label's JSON path. */
public record ResourceCandidate(String field, String urn) {
}
