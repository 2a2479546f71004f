/**
 * Parsing of ingested telemetry into records, with bad records reported as
 * {@link io.rootscope.backend.etl.parse.ParseReject}s beside the good ones:
 * {@link io.rootscope.backend.etl.parse.OtlpTraceParser} and {@link io.rootscope.backend.etl.parse.OtlpLogParser}
 * (OTLP/protobuf and OTLP/JSON decoded into the generated classes of {@code opentelemetry-proto}, by protobuf itself and by
 * protobuf-java-util's JSON mapping with OTLP's hex ids, then one mapping from those messages to records),
 * {@link io.rootscope.backend.etl.parse.OtlpMetricParser} (OTLP metrics as series in Prometheus's data model, named by
 * {@link io.rootscope.backend.etl.parse.PrometheusNames} and {@link io.rootscope.backend.etl.parse.PrometheusLabels}, JSON
 * decoded by the same mapping all or nothing), {@link io.rootscope.backend.etl.parse.PlainTextLogParser}, and
 * {@link io.rootscope.backend.etl.parse.ServiceCallExtractor} for the calls between services. No database access.
 * A service: may use only support ({@code json}, {@code refusal}) and the records of {@code etl.write} it yields
 * ({@code PushedSeries}).
 */
package io.rootscope.backend.etl.parse;
