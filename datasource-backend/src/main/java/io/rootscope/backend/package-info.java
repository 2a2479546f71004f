/**
 * The backend's entry points and its composition root: {@link io.rootscope.backend.BackendMain} ({@code ./rootscope
 * serve}), the commands ({@code migrate}, {@code ingest}, {@code tenant}, {@code eval-db}), and {@link
 * io.rootscope.backend.Backend}, the one composition root, which builds the pools, jOOQ contexts, caches, services and
 * controllers once from the one {@link io.rootscope.backend.config.BackendConfig}.
 *
 * <p>The layers, top to bottom: this package and {@code config} (entry); {@code http} (the request entry, the only
 * package that sees a request); the services ({@code query}, {@code rca}, {@code alerts}, {@code ingest},
 * {@code detection}, {@code incident}, {@code tenancy}, {@code evaluation}, {@code lifecycle}, {@code etl.*} but
 * {@code etl.write}); storage ({@code db}, {@code etl.write}, {@code graph}); support ({@code json}, {@code refusal},
 * {@code protocol}). A package uses its own layer and those below, never one above, and no two packages depend on each
 * other however indirectly ({@code BackendLayersTest}).
 */
package io.rootscope.backend;
