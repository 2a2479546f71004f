package io.rootscope.backend.http;

import io.rootscope.backend.admission.RequestBudget;
import io.rootscope.backend.json.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalInt;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Bounds the requests with a body served at once, and the body bytes they have read together. Reading a body blocks a
 * server thread for as long as the client takes to send it; without the first bound, a few hundred clients dripping
 * bodies would hold every thread and nothing else (not even {@code /health}) would be answered. Over it a request is
 * refused at once with 503 and {@code Retry-After}, holding no thread; body-less requests are never held back. The
 * bytes each request reads are charged to a shared budget (by {@link BoundedBodyStream}, through the request's
 * {@link Allowance}) and given back when it ends: what the bodies being parsed hold on the heap stays bounded. Both bounds
 * are a {@link RequestBudget} that {@code otlpgrpc}'s exports draw from too. The refusal's
 * body is an {@link ErrorBody}.
 */
final class BodyRequestGate extends HandlerWrapper {

    static final int RETRY_AFTER_SECONDS = 1;
    /** The request attribute holding its {@link Allowance}. */
    static final String ALLOWANCE = "rootscope.bodyAllowance";

    private final RequestBudget budget;

    BodyRequestGate(RequestBudget budget) {
        this.budget = budget;
    }

    /** The body bytes one request has taken from the shared budget. */
    final class Allowance {

        private long taken;

        /** @throws RequestBodyException 503 when the budget has not {@code bytes} left */
        void take(int bytes) throws RequestBodyException {
            if (!budget.tryTake(bytes)) {
                throw new RequestBodyException(503, "busy: the requests being served hold " + budget.maxBytes()
                        + " body bytes already (ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT); retry shortly");
            }
            taken += bytes;
        }

        private void giveBack() {
            budget.giveBack((int) taken);
        }
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!hasBody(request)) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        if (!budget.tryEnter()) {
            baseRequest.setHandled(true);
            response.setStatus(503);
            response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            response.setHeader("Connection", "close");
            ApiError busy = new ApiError(503, "busy: " + budget.maxRequests()
                    + " requests with a body are being received already (ROOTSCOPE_HTTP_MAX_BODY_REQUESTS); retry shortly", null);
            if (ErrorBody.protobufExport(target, request.getContentType())) {
                response.setContentType(RequestBody.PROTOBUF);
                response.getOutputStream().write(ErrorBody.status(busy, OptionalInt.of(RETRY_AFTER_SECONDS)));
            } else {
                response.setContentType("application/json");
                response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(busy));
            }
            return;
        }
        Allowance allowance = new Allowance();
        request.setAttribute(ALLOWANCE, allowance);
        try {
            super.handle(target, baseRequest, request, response);
        } finally {
            allowance.giveBack();
            budget.leave();
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeader.TRANSFER_ENCODING.asString()) != null;
    }
}
