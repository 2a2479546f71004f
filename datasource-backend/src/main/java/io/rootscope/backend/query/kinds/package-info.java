/**
 * One class per query kind (the {@code target} of a panel query): each binds its payload and answers data frames. A
 * service: may use {@code query}, {@code rca}, storage and support, never {@code http}.
 */
package io.rootscope.backend.query.kinds;
