/**
 * The request entry: the Javalin server and its route table ({@link io.rootscope.backend.http.BackendApp}), the one error
 * mapper ({@link io.rootscope.backend.http.ErrorHandling}: the refusals of {@code refusal} and every other failure to the
 * one JSON error shape and its status, or a protobuf {@code google.rpc.Status} for an OTLP protobuf export),
 * authentication, body bounds, the tenant of a request ({@link io.rootscope.backend.http.TenantResolver}) and the
 * controllers, which only move HTTP in and out. With {@code otlpgrpc}, the only package that sees a request, and the only
 * one that sees Javalin: it may use the services, storage and support; the root package uses it, and {@code otlpgrpc}
 * its authentication, tenants and OTLP answers.
 */
package io.rootscope.backend.http;
