package io.rootscope.backend.otlpgrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.testing.OtlpMessages;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A call whose request does not arrive within the idle timeout ends DEADLINE_EXCEEDED and gives its export slot back
 * (the only one here): a client cannot hold the slots by never finishing its requests.
 */
class RequestArrivalTest {

    @Test
    void aRequestThatNeverEndsIsCutOffAtTheIdleTimeoutAndItsSlotFreed() throws Exception {
        TestDatabase database = TestDatabase.shared();
        try (TestBackend backend = new TestBackend(database, database.backendConfig(Map.of(
                ConfigKey.HTTP_IDLE_TIMEOUT_SECONDS.key(), "1", ConfigKey.HTTP_MAX_BODY_REQUESTS.key(), "1")))) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", backend.otlpGrpcPort()).usePlaintext().build();
            try {
                CompletableFuture<Status> closed = new CompletableFuture<>();
                // Called as a stream, so that its client sends the headers at once, then never the request's end.
                ClientCall<ExportTraceServiceRequest, ExportTraceServiceResponse> stalled = channel.newCall(
                        TraceServiceGrpc.getExportMethod().toBuilder().setType(MethodDescriptor.MethodType.CLIENT_STREAMING).build(),
                        CallOptions.DEFAULT);
                stalled.start(new ClientCall.Listener<>() {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        closed.complete(status);
                    }
                }, new Metadata());
                stalled.request(1);
                stalled.sendMessage(OtlpMessages.traces("arrival", OtlpMessages.span("GET /stalled")));
                Status status = closed.get(20, TimeUnit.SECONDS);
                assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode(), status.toString());
                assertTrue(status.getDescription().contains("ROOTSCOPE_HTTP_IDLE_TIMEOUT_SECONDS"), status.getDescription());

                ExportTraceServiceResponse after = TraceServiceGrpc.newBlockingStub(channel)
                        .export(OtlpMessages.traces("arrival", OtlpMessages.span("GET /after")));
                assertFalse(after.hasPartialSuccess(), "the slot is free again");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
