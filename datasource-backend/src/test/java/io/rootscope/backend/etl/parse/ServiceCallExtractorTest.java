package io.rootscope.backend.etl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceCallExtractorTest {

    private static final String TRACE = "5b8efff798038103d269b633813fc60c";
    private static final ServiceRef FRONTEND = new ServiceRef("frontend", "shop");
    private static final ServiceRef CART = new ServiceRef("cart", "shop");

    private static ParsedSpan span(String id, String parent, ServiceRef service, SpanKind kind, long start,
                                   long end, boolean error, String peer) {
        return new ParsedSpan(TRACE, id, parent, service, "op", kind, start, end, error, peer);
    }

    @Test
    void derivesACallFromEachParentChildPairAcrossServicesTimedByTheChild() {
        List<ParsedSpan> spans = List.of(
                span("0000000000000001", null, FRONTEND, SpanKind.SERVER, 0, 100, false, null),
                span("0000000000000002", "0000000000000001", FRONTEND, SpanKind.CLIENT, 10, 90, false, "cart"),
                span("0000000000000003", "0000000000000002", CART, SpanKind.SERVER, 20, 70, true, null),
                span("0000000000000004", "0000000000000003", CART, SpanKind.INTERNAL, 30, 40, false, null),
                span("0000000000000005", "00000000000000ff", CART, SpanKind.SERVER, 50, 60, false, null));

        ServiceCalls calls = new ServiceCallExtractor().extract(spans);

        assertEquals(List.of(new ServiceCall(FRONTEND, CART, 20, 50, true)), calls.calls());
        assertEquals(1, calls.unresolvedParents());
    }

    @Test
    void derivesACallToAnUninstrumentedPeerFromAClientSpanWithoutRemoteChild() {
        List<ParsedSpan> spans = List.of(
                span("0000000000000001", null, CART, SpanKind.SERVER, 0, 100, false, null),
                span("0000000000000002", "0000000000000001", CART, SpanKind.CLIENT, 10, 30, true, "redis"),
                span("0000000000000003", "0000000000000001", CART, SpanKind.INTERNAL, 40, 50, false, "redis"));

        ServiceCalls calls = new ServiceCallExtractor().extract(spans);

        assertEquals(List.of(new ServiceCall(CART, new ServiceRef("redis", "shop"), 10, 20, true)), calls.calls());
        assertEquals(0, calls.unresolvedParents());
    }

    @Test
    void messagingIsTwoCallsToTheBrokerNotACallFromProducerToConsumer() {
        ServiceRef shipping = new ServiceRef("shipping", "shop");
        ServiceRef queueMaster = new ServiceRef("queue-master", "shop");
        ServiceRef rabbitmq = new ServiceRef("rabbitmq", "shop");
        List<ParsedSpan> spans = List.of(
                span("0000000000000001", null, shipping, SpanKind.SERVER, 0, 100, false, null),
                span("0000000000000002", "0000000000000001", shipping, SpanKind.PRODUCER, 10, 20, false, "rabbitmq"),
                span("0000000000000003", "0000000000000002", queueMaster, SpanKind.CONSUMER, 30, 45, false, null));

        ServiceCalls calls = new ServiceCallExtractor().extract(spans);

        assertEquals(List.of(new ServiceCall(queueMaster, rabbitmq, 30, 15, false), new ServiceCall(shipping, rabbitmq, 10, 10, false)),
                calls.calls());
    }
}
