package io.rootscope.backend.otlpgrpc;

import com.google.protobuf.MessageLite;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rootscope.backend.admission.RequestBudget;

/**
 * Bounds the exports served at once, and the bytes of their decoded requests, from the budget {@code http}'s body gate
 * draws from too (one {@link RequestBudget}, so HTTP bodies and exports together stay within it): a call over the first bound is refused when it starts, before its message is read, and one whose
 * message would take the budget past its bound is refused on arrival; both RESOURCE_EXHAUSTED with {@code RetryInfo}.
 * What the requests being ingested hold on the heap stays bounded whatever clients send (each message is also bounded
 * by the server's maximum inbound size).
 *
 * <p>Two interceptors share each call's {@link Admission} through the gRPC {@link Context}: {@link #admission()} is the
 * outermost, so every close of the call, whoever makes it (the handler, a refusal of the decoding or of the arrival
 * deadline), passes through it and gives the slot back as the answer goes out: a client that has its answer may
 * export again at once. {@link #messageBytes()} sits on the decoded messages, whose size only they know.
 */
final class ExportGate {

    static final int RETRY_AFTER_SECONDS = 1;
    private static final Context.Key<Admission> ADMISSION = Context.key("rootscope-export-admission");

    private final RequestBudget budget;

    ExportGate(RequestBudget budget) {
        this.budget = budget;
    }

    /** Takes a slot for the call, or refuses it; the outermost interceptor. */
    ServerInterceptor admission() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                if (!budget.tryEnter()) {
                    refuse(call, GrpcFailures.busy("busy: " + budget.maxRequests() + " exports and requests with a body are being "
                            + "received already (ROOTSCOPE_HTTP_MAX_BODY_REQUESTS); retry shortly", RETRY_AFTER_SECONDS));
                    return new ServerCall.Listener<>() {
                    };
                }
                Admission admitted = new Admission();
                ServerCall<Q, R> releasing = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        admitted.release();
                        super.close(status, trailers);
                    }
                };
                try {
                    return new Releasing<>(Contexts.interceptCall(Context.current().withValue(ADMISSION, admitted), releasing, headers, next),
                            admitted);
                } catch (RuntimeException e) {
                    admitted.release();
                    throw e;
                }
            }
        };
    }

    /** Charges each decoded message's bytes to its call's slot, or refuses the call; on the decoded messages. */
    ServerInterceptor messageBytes() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                Admission admitted = ADMISSION.get();
                if (admitted == null) {
                    throw new IllegalStateException("ExportGate.messageBytes() runs inside ExportGate.admission()");
                }
                return new Charged<>(call, next.startCall(call, headers), admitted);
            }
        };
    }

    private static void refuse(ServerCall<?, ?> call, StatusRuntimeException refusal) {
        call.close(refusal.getStatus(), refusal.getTrailers());
    }

    /** A call's slot and the bytes charged to it, given back once, when the call is closed or ends. */
    private final class Admission {

        private int charged;
        private boolean released;

        /** False when the budget lacks the bytes, or the call was closed already (and its slot given back). */
        synchronized boolean take(int size) {
            if (released || !budget.tryTake(size)) {
                return false;
            }
            charged += size;
            return true;
        }

        synchronized void release() {
            if (!released) {
                released = true;
                budget.giveBack(charged);
                budget.leave();
            }
        }
    }

    /** Gives the slot back when the call ends without a close passing through the gate (a cancel, a transport failure). */
    private static final class Releasing<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final Admission admitted;

        Releasing(ServerCall.Listener<Q> delegate, Admission admitted) {
            super(delegate);
            this.admitted = admitted;
        }

        @Override
        public void onComplete() {
            admitted.release();
            super.onComplete();
        }

        @Override
        public void onCancel() {
            admitted.release();
            super.onCancel();
        }
    }

    private final class Charged<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final ServerCall<Q, R> call;
        private final Admission admitted;
        private boolean refused;

        Charged(ServerCall<Q, R> call, ServerCall.Listener<Q> delegate, Admission admitted) {
            super(delegate);
            this.call = call;
            this.admitted = admitted;
        }

        @Override
        public void onMessage(Q message) {
            int size = message instanceof MessageLite lite ? lite.getSerializedSize() : 0;
            if (refused || !admitted.take(size)) {
                refused = true;
                refuse(call, GrpcFailures.busy("busy: the exports and requests being served hold " + budget.maxBytes()
                        + " request bytes already (ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT); retry shortly", RETRY_AFTER_SECONDS));
                return;
            }
            super.onMessage(message);
        }

        @Override
        public void onHalfClose() {
            // A refused call is closed already: its handler must not answer it again.
            if (!refused) {
                super.onHalfClose();
            }
        }
    }
}
