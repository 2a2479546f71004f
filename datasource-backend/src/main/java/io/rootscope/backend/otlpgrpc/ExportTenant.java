package io.rootscope.backend.otlpgrpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.rootscope.backend.http.ApiAuth;
import io.rootscope.backend.http.TenantResolver;
import java.util.Locale;

/**
 * The tenant a call acts for, from its metadata exactly as OTLP/HTTP takes it from headers ({@link ApiAuth} for
 * {@code authorization}, {@link TenantResolver} for {@code x-rootscope-tenant}), resolved when the call starts so a
 * refused caller's message is never read. The services find it in the call's context ({@link #TENANT_ID}).
 */
final class ExportTenant implements ServerInterceptor {

    static final Context.Key<Long> TENANT_ID = Context.key("rootscope.tenantId");
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> TENANT =
            Metadata.Key.of(TenantResolver.HEADER.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);

    private final ApiAuth auth;
    private final TenantResolver tenants;

    ExportTenant(ApiAuth auth, TenantResolver tenants) {
        this.auth = auth;
        this.tenants = tenants;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        long tenantId;
        try {
            tenantId = tenants.forCaller(auth.authenticate(headers.get(AUTHORIZATION)), headers.get(TENANT)).id();
        } catch (RuntimeException e) {
            var status = GrpcFailures.status(e, call.getMethodDescriptor().getFullMethodName());
            call.close(status.getStatus(), status.getTrailers());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(TENANT_ID, tenantId), call, headers, next);
    }
}
