/**
 * What the backend refuses, in no protocol's words: input it cannot take
 * ({@link io.rootscope.backend.refusal.InvalidInputException} naming the field; {@code StorableValues}, the values
 * PostgreSQL can store), what the caller names that it does not have
 * ({@link io.rootscope.backend.refusal.NotFoundException}), work it cannot take now
 * ({@link io.rootscope.backend.refusal.BusyException}); and what a failure says about the database
 * ({@link io.rootscope.backend.refusal.DatabaseFailure}: away, busy, timed out). Any layer throws them; the entries map
 * them, {@code http}'s {@code ErrorHandling} to HTTP statuses (400, 404, 429, 503), {@code otlpgrpc}'s
 * {@code GrpcFailures} to gRPC ones and {@code kafka} to a retry. Support: uses no backend package.
 */
package io.rootscope.backend.refusal;
