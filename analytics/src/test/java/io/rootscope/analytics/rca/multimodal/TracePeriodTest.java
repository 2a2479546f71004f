package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.SpanRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TracePeriodTest {

    @Test
    void selfTimeIsTheDurationMinusTheUnionOfChildrenClippedToTheSpan() {
        // handle 0..100; its children 10..40 and 30..60 overlap (union 10..60), a third runs past its end (90..120).
        TracePeriod period = new TracePeriod(List.of(
                new SpanRecord("t", "p", null, "api", "handle", 0, 100, false),
                new SpanRecord("t", "a", "p", "api", "parse", 10, 30, false),
                new SpanRecord("t", "b", "p", "api", "GET db", 30, 30, false),
                new SpanRecord("t", "c", "p", "cache", "get", 90, 30, false),
                new SpanRecord("t", "d", "b", "db", "SELECT", 35, 20, false)));
        assertEquals(100 - 50 - 10, period.selfTimes.get("api").get("handle").quantile(0.5));
        assertEquals(30, period.selfTimes.get("api").get("parse").quantile(0.5));
        assertEquals(20, period.selfTimes.get("db").get("SELECT").quantile(0.5));
        assertEquals(null, period.selfTimes.get("api").get("GET db"), "a client span's own time is the call's");
        assertEquals(10, period.callGaps.get(new TracePeriod.Call("api", "db")).quantile(0.5), "30 - 20, per call");
        assertEquals(null, period.callGaps.get(new TracePeriod.Call("api", "cache")),
                "a remote child among others: no client span, no measure of its call");
        assertEquals(0, period.orphans);
        assertEquals(1, period.entries.get("api"));
    }

    @Test
    void aChildlessSpanNamingAPeerIsACallToThatPeer() {
        TracePeriod period = new TracePeriod(List.of(
                new SpanRecord("t", "p", null, "api", "handle", 0, 100, false),
                new SpanRecord("t", "q", "p", "api", "SELECT items", 10, 60, false, "db"),
                new SpanRecord("t", "r", "p", "api", "SELECT users", 70, 5, true, "db")));
        assertEquals(60, period.callGaps.get(new TracePeriod.Call("api", "db")).quantile(1), "all of it the peer's");
        assertEquals(null, period.selfTimes.get("api").get("SELECT items"), "not the caller's own work");
        assertEquals(100 - 60 - 5, period.selfTimes.get("api").get("handle").quantile(0.5));
        assertEquals(1, period.ownFailures.get("db").size(), "a failed call to a silent peer is the peer's failure");
        assertEquals(2, period.spanCounts.get("db"));
        assertEquals(null, period.ownFailures.get("api"));
    }

    @Test
    void aMessageToASilentBrokerIsTheBrokersSpanWhetherOrNotItWasConsumed() {
        // Two messages published to a broker that sends no spans: one consumed by a worker (its child), one failed.
        TracePeriod period = new TracePeriod(List.of(
                new SpanRecord("t", "p", null, "orders", "POST /orders", 0, 100, false),
                new SpanRecord("t", "m", "p", "orders", "shipping-task publish", 10, 4, false, "broker"),
                new SpanRecord("t", "c", "m", "worker", "shipping-task process", 20, 30, false),
                new SpanRecord("t", "n", "p", "orders", "shipping-task publish", 60, 2, true, "broker")));
        assertEquals(2, period.spanCounts.get("broker"), "the consumed message counts too, not only the failed one");
        assertEquals(1, period.ownFailures.get("broker").size());
        assertEquals(4, period.callGaps.get(new TracePeriod.Call("orders", "broker")).quantile(1), "the publish is the call");
        assertEquals(null, period.callGaps.get(new TracePeriod.Call("orders", "worker")), "the consumer runs later, not inside it");
        assertEquals(30, period.selfTimes.get("worker").get("shipping-task process").quantile(0.5));
    }

    @Test
    void aSpanWhoseParentIsMissingIsARootAndCounted() {
        TracePeriod period = new TracePeriod(List.of(
                new SpanRecord("t", "a", "gone", "db", "q1", 10, 30, false)));
        assertEquals(1, period.orphans);
        assertEquals(30, period.selfTimes.get("db").get("q1").quantile(0.5));
        assertEquals(0, period.callGaps.size());
    }
}
