/**
 * What the backend refuses, in no protocol's words: input it cannot take
 * ({@link io.rootscope.backend.refusal.InvalidInputException} naming the field; {@code StorableValues}, the values
 * PostgreSQL can store) and work it cannot take now ({@link io.rootscope.backend.refusal.BusyException}); and what a
 * failure says about the database ({@link io.rootscope.backend.refusal.DatabaseFailure}: away, busy, timed out). Any
 * layer throws them; the request entries map them, {@code http}'s {@code ErrorHandling} to HTTP statuses and
 * {@code otlpgrpc}'s {@code GrpcFailures} to gRPC ones. Support: uses no backend package.
 */
package io.rootscope.backend.refusal;
