package io.rootscope.backend.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Bounds the requests with a body served at once. Reading a body blocks a server thread for as long as the client
 * takes to send it; without this bound, a few hundred clients dripping bodies would hold every thread and nothing
 * else (not even {@code /health}) would be answered. Over the bound a request is refused at once with 503 and
 * {@code Retry-After}, holding no thread; body-less requests are never held back.
 */
final class BodyRequestGate extends HandlerWrapper {

    static final int RETRY_AFTER_SECONDS = 1;

    private final Semaphore permits;
    private final int maxRequests;

    BodyRequestGate(int maxRequests) {
        this.maxRequests = maxRequests;
        this.permits = new Semaphore(maxRequests);
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!hasBody(request)) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        if (!permits.tryAcquire()) {
            baseRequest.setHandled(true);
            response.setStatus(503);
            response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            response.setHeader("Connection", "close");
            response.setContentType("application/json");
            response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(new ApiError(503,
                    "busy: " + maxRequests + " requests with a body are being received already (ROOTSCOPE_HTTP_MAX_BODY_REQUESTS); retry shortly",
                    null)));
            return;
        }
        try {
            super.handle(target, baseRequest, request, response);
        } finally {
            permits.release();
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeader.TRANSFER_ENCODING.asString()) != null;
    }
}
