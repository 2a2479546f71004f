package io.rootscope.backend.etl.parse;

/**
 * One call from a service to another, derived from spans.
 *
 * @param startUnixNano  when the callee started handling it
 * @param durationNanos  how long the callee took
 * @param error          whether the callee's span has status ERROR
 */
public record ServiceCall(ServiceRef caller, ServiceRef callee, long startUnixNano, long durationNanos,
                          boolean error) {
}
