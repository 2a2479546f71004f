package io.rootscope.backend.otlpgrpc;

import com.google.protobuf.MessageLite;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rootscope.backend.admission.RequestBudget;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the exports served at once, and the bytes of their decoded requests, from the budget {@code http}'s body gate
 * draws from too (one {@link RequestBudget}, so HTTP bodies and exports together stay within it): a call over the first bound is refused when it starts, before its message is read, and one whose
 * message would take the budget past its bound is refused on arrival; both RESOURCE_EXHAUSTED with {@code RetryInfo}.
 * What the requests being ingested hold on the heap stays bounded whatever clients send (each message is also bounded
 * by the server's maximum inbound size).
 */
final class ExportGate implements ServerInterceptor {

    static final int RETRY_AFTER_SECONDS = 1;

    private final RequestBudget budget;

    ExportGate(RequestBudget budget) {
        this.budget = budget;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!budget.tryEnter()) {
            refuse(call, GrpcFailures.busy("busy: " + budget.maxRequests() + " exports and requests with a body are being received already "
                    + "(ROOTSCOPE_HTTP_MAX_BODY_REQUESTS); retry shortly", RETRY_AFTER_SECONDS));
            return new ServerCall.Listener<>() {
            };
        }
        Admitted<Q, R> admitted = new Admitted<>(call);
        // Released as the answer goes out, not after: a client that has its answer may export again at once.
        ServerCall<Q, R> releasing = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                admitted.release();
                super.close(status, trailers);
            }
        };
        try {
            admitted.delegate = next.startCall(releasing, headers);
        } catch (RuntimeException e) {
            admitted.release();
            throw e;
        }
        return admitted;
    }

    private static void refuse(ServerCall<?, ?> call, StatusRuntimeException refusal) {
        call.close(refusal.getStatus(), refusal.getTrailers());
    }

    /** An admitted call: it holds its permit and its message's bytes until it ends. */
    private final class Admitted<Q, R> extends ForwardingServerCallListener<Q> {

        private final ServerCall<Q, R> call;
        private final AtomicBoolean released = new AtomicBoolean();
        private ServerCall.Listener<Q> delegate;
        private int charged;
        private boolean refused;

        Admitted(ServerCall<Q, R> call) {
            this.call = call;
        }

        @Override
        protected ServerCall.Listener<Q> delegate() {
            return delegate;
        }

        @Override
        public void onMessage(Q message) {
            int size = message instanceof MessageLite lite ? lite.getSerializedSize() : 0;
            if (refused || !budget.tryTake(size)) {
                refused = true;
                refuse(call, GrpcFailures.busy("busy: the exports and requests being served hold " + budget.maxBytes()
                        + " request bytes already (ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT); retry shortly", RETRY_AFTER_SECONDS));
                return;
            }
            charged += size;
            super.onMessage(message);
        }

        @Override
        public void onHalfClose() {
            // A refused call is closed already: its handler must not answer it again.
            if (!refused) {
                super.onHalfClose();
            }
        }

        @Override
        public void onComplete() {
            release();
            super.onComplete();
        }

        @Override
        public void onCancel() {
            release();
            super.onCancel();
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                budget.giveBack(charged);
                budget.leave();
            }
        }
    }
}
