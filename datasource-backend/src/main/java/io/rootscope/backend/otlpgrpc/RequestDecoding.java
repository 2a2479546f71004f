package io.rootscope.backend.otlpgrpc;

import com.google.rpc.Code;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.rootscope.backend.protocol.RpcStatus;
import java.io.InputStream;
import java.util.OptionalInt;

/**
 * Decoding a request as the client's fault it is when it fails. grpc-java answers a request its generated classes cannot
 * decode (or whose gzip inflates past the size limit while it is decoded) with UNKNOWN "Application error"; this
 * interceptor sits on the undecoded messages ({@code ServerInterceptors.useInputStreamMessages}), around the decoding,
 * and answers INVALID_ARGUMENT naming the problem, or RESOURCE_EXHAUSTED for a message over the limit.
 */
final class RequestDecoding implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return new Guarded<>(call, next.startCall(call, headers));
    }

    private static final class Guarded<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final ServerCall<Q, R> call;
        private boolean refused;

        Guarded(ServerCall<Q, R> call, ServerCall.Listener<Q> delegate) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onMessage(Q message) {
            if (refused) {
                return;
            }
            try {
                super.onMessage(message);
            } catch (StatusRuntimeException e) {
                if (!(message instanceof InputStream)) {
                    throw e;
                }
                refused = true;
                StatusRuntimeException refusal = e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED
                        ? StatusProto.toStatusRuntimeException(RpcStatus.of(Code.RESOURCE_EXHAUSTED, e.getStatus().getDescription()
                                + " (ROOTSCOPE_HTTP_MAX_BODY_BYTES)", OptionalInt.empty()))
                        : StatusProto.toStatusRuntimeException(RpcStatus.of(Code.INVALID_ARGUMENT, "request is not an OTLP/protobuf "
                                + call.getMethodDescriptor().getFullMethodName() + " request: " + problem(e), OptionalInt.empty()));
                call.close(refusal.getStatus(), refusal.getTrailers());
            }
        }

        @Override
        public void onHalfClose() {
            // A refused call is closed already: its handler must not answer it again.
            if (!refused) {
                super.onHalfClose();
            }
        }

        private static String problem(StatusRuntimeException e) {
            return e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getStatus().getDescription();
        }
    }
}
