package io.rootscope.backend.otlpgrpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.rootscope.backend.admission.RequestBudget;
import io.rootscope.backend.http.ApiAuth;
import io.rootscope.backend.http.HttpSettings;
import io.rootscope.backend.http.TenantResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP/gRPC listener: the OTLP export services it is given, each behind the same admission — the export bounds
 * ({@link ExportGate}) first, then the caller's tenant ({@link ExportTenant}) — and with its requests' decoding failures
 * answered as the client's ({@link RequestDecoding}) and its request due within the HTTP idle timeout ({@link RequestArrival}). A message over the HTTP body limit is
 * refused RESOURCE_EXHAUSTED by grpc-java itself (gzip-compressed messages, which its default decompressors take, by
 * their inflated size too); a connection silent for the HTTP idle timeout is closed.
 */
public final class OtlpGrpcServer implements AutoCloseable {

    /** How long stopping waits for the exports in progress before cutting them off. */
    private static final long STOP_WAIT_SECONDS = 5;

    private final Server server;
    private final RequestArrival arrival;

    private OtlpGrpcServer(Server server, RequestArrival arrival) {
        this.server = server;
        this.arrival = arrival;
    }

    /** Listens on {@code host}:{@code port} (0: any free one) with {@code services}, its exports drawing from {@code bodies}. */
    public static OtlpGrpcServer start(String host, int port, HttpSettings bounds, RequestBudget bodies, ApiAuth auth,
                                       TenantResolver tenants, List<BindableService> services) {
        ExportGate gate = new ExportGate(bodies);
        ExportTenant tenant = new ExportTenant(auth, tenants);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, bounds.maxBodyBytes()))
                .maxConnectionIdle(bounds.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        RequestDecoding decoding = new RequestDecoding();
        RequestArrival arrival = new RequestArrival(bounds.idleTimeout());
        // Interceptors run last-added first: the gate's slot around all (every close passes it), the arrival deadline
        // inside it, then the decoding; on the decoded messages their bytes, then the tenant.
        services.forEach(service -> builder.addService(ServerInterceptors.intercept(
                ServerInterceptors.useInputStreamMessages(ServerInterceptors.intercept(service, tenant, gate.messageBytes())),
                decoding, arrival, gate.admission())));
        try {
            return new OtlpGrpcServer(builder.build().start(), arrival);
        } catch (IOException e) {
            arrival.close();
            throw new UncheckedIOException("cannot listen for OTLP/gRPC on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Stops taking calls, waits a little for those in progress, then cuts them off. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            arrival.close();
        }
    }
}
