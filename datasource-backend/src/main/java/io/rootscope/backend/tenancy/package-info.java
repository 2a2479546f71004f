/**
 * Tenants and API tokens ({@code dim_tenant}, {@code api_token}) and the {@link io.rootscope.backend.tenancy.Caller} a
 * token stands for; authentication and the admin endpoints are in {@code http}. A service: may use storage and support.
 */
package io.rootscope.backend.tenancy;
