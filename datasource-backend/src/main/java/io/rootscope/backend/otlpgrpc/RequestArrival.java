package io.rootscope.backend.otlpgrpc;

import com.google.rpc.Code;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.rootscope.backend.protocol.RpcStatus;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A call's request must arrive whole within the HTTP idle timeout, else the call ends DEADLINE_EXCEEDED (which clients
 * retry), as a stalled HTTP body ends 408: a client that opens calls and never finishes their requests would otherwise
 * hold the export slots ({@link ExportGate}) for as long as it likes. Outermost but for the gate's slot: every close of
 * the call made inside goes through it, so the timer's and the handler's never both happen.
 */
final class RequestArrival implements ServerInterceptor, AutoCloseable {

    private final Duration within;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "otlp-grpc-request-arrival");
        thread.setDaemon(true);
        return thread;
    });

    RequestArrival(Duration within) {
        this.within = within;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        ClosedOnce<Q, R> once = new ClosedOnce<>(call);
        Awaited<Q> awaited = new Awaited<>(once, next.startCall(once, headers));
        awaited.deadline = timer.schedule(awaited::expire, within.toMillis(), TimeUnit.MILLISECONDS);
        return awaited;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A call answered or closed at most once, whoever tries; after it is closed, what is sent is dropped. */
    private static final class ClosedOnce<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private boolean closed;

        ClosedOnce(ServerCall<Q, R> call) {
            super(call);
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!closed) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }
    }

    private final class Awaited<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final ClosedOnce<Q, ?> call;
        private ScheduledFuture<?> deadline;
        private boolean arrived;

        Awaited(ClosedOnce<Q, ?> call, ServerCall.Listener<Q> delegate) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onHalfClose() {
            deadline.cancel(false);
            synchronized (call) {
                if (call.closed) {
                    return;
                }
                arrived = true;
            }
            super.onHalfClose();
        }

        @Override
        public void onCancel() {
            deadline.cancel(false);
            super.onCancel();
        }

        @Override
        public void onComplete() {
            deadline.cancel(false);
            super.onComplete();
        }

        void expire() {
            synchronized (call) {
                if (!arrived) {
                    StatusRuntimeException late = StatusProto.toStatusRuntimeException(RpcStatus.of(Code.DEADLINE_EXCEEDED,
                            "the request did not arrive within " + within.toSeconds() + " s (ROOTSCOPE_HTTP_IDLE_TIMEOUT_SECONDS)",
                            OptionalInt.empty()));
                    call.close(late.getStatus(), late.getTrailers());
                }
            }
        }
    }
}
