package io.rootscope.backend.otlpgrpc;

import io.grpc.stub.StreamObserver;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.http.IngestResponses;
import io.rootscope.backend.ingest.TelemetryIngestor;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * One export of any signal, as OTLP/HTTP answers it: the decoded request ingested for the call's tenant, answered with
 * its {@code Export*ServiceResponse} (a {@code partial_success} counting the records rejected and why), a batch with
 * nothing good refused as INVALID_ARGUMENT, any failure as its status ({@link GrpcFailures}).
 */
final class OtlpExports {

    /** Ingests a decoded request for a tenant. */
    interface Ingest {
        TelemetryIngestor.Summary into(long tenantId) throws SQLException;
    }

    private OtlpExports() {
    }

    static <R> void answer(String method, Ingest ingest, Function<List<ParseReject>, R> response, StreamObserver<R> responses) {
        R answer;
        try {
            TelemetryIngestor.Summary summary = ingest.into(ExportTenant.TENANT_ID.get());
            IngestResponses.refuseIfNothingGood(summary.accepted(), summary.rejects());
            answer = response.apply(summary.rejects());
        } catch (SQLException | RuntimeException e) {
            responses.onError(GrpcFailures.status(e, method));
            return;
        }
        responses.onNext(answer);
        responses.onCompleted();
    }
}
