/**
 * What the backend refuses, in no protocol's words: input it cannot take
 * ({@link io.rootscope.backend.refusal.InvalidInputException} naming the field; {@code StorableValues}, the values
 * PostgreSQL can store), what the caller names that it does not have
 * ({@link io.rootscope.backend.refusal.NotFoundException}) and work it cannot take now
 * ({@link io.rootscope.backend.refusal.BusyException}). Any layer throws them; {@code http}'s {@code ErrorHandling}
 * alone maps them to 400, 404 and 429. Support: uses no backend package.
 */
package io.rootscope.backend.refusal;
