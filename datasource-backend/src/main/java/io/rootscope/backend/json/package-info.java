/**
 * The backend's one JSON mapper, and parsing that turns every mistake into an
 * {@link io.rootscope.backend.refusal.InvalidInputException} naming the field, in the protocol's words, and binds only
 * values PostgreSQL can store. Support, at the bottom: every layer may use it; it uses only {@code refusal}.
 */
package io.rootscope.backend.json;
