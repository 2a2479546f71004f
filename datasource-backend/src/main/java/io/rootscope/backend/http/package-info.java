/**
 * The request entry: the Javalin server and its route table ({@link io.rootscope.backend.http.BackendApp}), the one error
 * mapper ({@link io.rootscope.backend.http.ErrorHandling}: the refusals of {@code refusal} and every other failure to the
 * one JSON error shape and its status), authentication, body bounds, the tenant of a request
 * ({@link io.rootscope.backend.http.TenantResolver}) and the controllers, which only move HTTP in and out. The only
 * package that sees a request or Javalin: it may use the services, storage and support; only the root package uses it.
 */
package io.rootscope.backend.http;
