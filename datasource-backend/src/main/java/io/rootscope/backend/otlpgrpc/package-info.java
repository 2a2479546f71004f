/**
 * The OTLP/gRPC request entry, beside {@code http} in the same layer: a grpc-java server ({@link
 * io.rootscope.backend.otlpgrpc.OtlpGrpcServer}) running OTLP's trace and logs services over the same ingest as
 * OTLP/HTTP ({@code ingest.TelemetryIngestor}), with the same bounds, authentication and tenant resolution ({@code http}'s
 * {@code ApiAuth} and {@code TenantResolver}, fed from the call's metadata), and every failure mapped to a gRPC status
 * ({@link io.rootscope.backend.otlpgrpc.GrpcFailures}). It uses {@code http}, the services and support, never Javalin;
 * only the root package uses it.
 */
package io.rootscope.backend.otlpgrpc;
