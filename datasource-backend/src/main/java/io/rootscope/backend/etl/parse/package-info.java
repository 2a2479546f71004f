/**
 * Parsing of ingested telemetry into records, with bad records reported as
 * {@link io.rootscope.backend.etl.parse.ParseReject}s beside the good ones:
 * {@link io.rootscope.backend.etl.parse.OtlpTraceParser} and {@link io.rootscope.backend.etl.parse.OtlpLogParser}
 * (OTLP/protobuf and OTLP/JSON decoded into the generated classes of {@code opentelemetry-proto}, by protobuf itself and by
 * protobuf-java-util's JSON mapping with OTLP's hex ids, then one mapping from those messages to records),
 * {@link io.rootscope.backend.etl.parse.PlainTextLogParser}, and
 * {@link io.rootscope.backend.etl.parse.ServiceCallExtractor} for the calls between services. No database access.
 * A service: may use only support ({@code json}, {@code refusal}).
 */
package io.rootscope.backend.etl.parse;
