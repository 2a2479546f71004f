package io.rootscope.analytics.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UrnTest {

    @Test
    void parsesAndFormatsEachKind() {
        for (String text : new String[] {"urn:k8s:svc:shop/cart", "urn:k8s:pod:shop/cart-7d4b9-x2lkq",
            "urn:k8s:deploy:shop/cart", "urn:k8s:node:node-1.eu-west-1.compute.internal", "urn:k8s:ns:shop",
            "urn:host:db-1.example.com", "urn:db:pg-1.example.com/Orders", "urn:net:device:core-sw-01"}) {
            assertEquals(text, Urn.parse(text).format());
        }
    }

    @Test
    void normalisesCaseWhereNamesAreCaseInsensitive() {
        Urn urn = Urn.parse(" URN:K8S:SVC:Shop/Cart ");
        assertEquals(new Urn(ResourceKind.K8S_SERVICE, "shop", "cart"), urn);
        assertEquals("urn:host:web-1", Urn.parse("urn:Host:WEB-1").format());
    }

    @Test
    void factoriesGiveTheUrnsAlreadyStoredForValidNames() {
        // The ETL's sources stored these exact texts before they were built through Urn; a change would split history.
        assertEquals("urn:k8s:svc:sock-shop/front-end", Urn.k8sService("sock-shop", "front-end").format());
        assertEquals("urn:host:127.0.0.1", Urn.host("127.0.0.1").format());
        assertEquals("urn:net:device:core-sw-01", Urn.networkDevice("core-sw-01").format());
        assertEquals("urn:net:device:core-sw-01", Urn.networkDevice("Core-SW-01").format());
    }

    @Test
    void keepsTheCaseOfDatabaseNames() {
        Urn urn = Urn.parse("urn:DB:PG-1/Orders");
        assertEquals("pg-1", urn.scope());
        assertEquals("Orders", urn.name());
    }

    @Test
    void mapsServiceNamesAndNamespacesToServiceUrns() {
        assertEquals("urn:k8s:svc:shop/cart", Urn.ofServiceName("Cart", "shop").format());
        assertEquals("urn:k8s:svc:default/cart", Urn.ofServiceName("cart", " ").format());
        assertEquals("urn:k8s:svc:shop/cart", Urn.ofServiceName("cart.shop.svc.cluster.local", "other").format());
        assertEquals("urn:k8s:svc:shop/cart", Urn.ofServiceName("cart.shop", null).format());
    }

    @Test
    void rejectsMalformedUrnsNamingTheProblem() {
        assertMessage("must start with 'urn:'", "k8s:svc:shop/cart");
        assertMessage("unknown resource kind", "urn:vm:web-1");
        assertMessage("needs <scope>/<name>", "urn:k8s:svc:cart");
        assertMessage("k8s:svc name must not be empty", "urn:k8s:svc:shop/");
        assertMessage("must start with a letter", "urn:k8s:svc:shop/1cart");
        assertMessage("found '_'", "urn:host:web_1");
        assertMessage("must start and end with a letter or digit", "urn:k8s:ns:-shop");
        assertMessage("has an empty label", "urn:host:web..example.com");
        assertMessage("longer than 63", "urn:k8s:svc:shop/" + "a".repeat(64));
        assertMessage("must not contain whitespace", "urn:db:pg-1/my orders");
    }

    @Test
    void rejectsAScopeForUnscopedKindsAndBlankServiceNames() {
        assertThrows(IllegalArgumentException.class, () -> new Urn(ResourceKind.HOST, "x", "web-1"));
        assertThrows(IllegalArgumentException.class, () -> Urn.ofServiceName(" ", "shop"));
        assertThrows(IllegalArgumentException.class, () -> Urn.parse(null));
    }

    private static void assertMessage(String expected, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Urn.parse(text));
        assertTrue(e.getMessage().contains(expected),
                () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
        assertTrue(e.getMessage().contains(text.trim()), () -> "message '" + e.getMessage() + "' lacks the input");
    }
}
