/**
 * Panel queries: the {@link io.rootscope.backend.query.QueryKind} contract and its registry, what a kind runs with
 * ({@link io.rootscope.backend.query.QueryContext}), payload and filter helpers, template variables, workbench links. A
 * service: may use storage and support, never {@code http}; the kinds themselves are in {@code query.kinds}.
 */
package io.rootscope.backend.query;
