/**
 * The AGE graph {@code ops}: its writes, its graph questions (neighbourhood, impact set) and the cached CALLS edge
 * intervals the topology query reads. Storage: the services use it; it may use only {@code db} and support.
 */
package io.rootscope.backend.graph;
