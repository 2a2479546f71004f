package io.rootscope.workload.otlp;

import io.rootscope.workload.topology.Service;
import io.rootscope.workload.topology.ServiceKind;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The Sock Shop API routes and database statements spans and logs are named after. */
final class Operations {

    private static final Map<String, List<String>> ROUTES = Map.of(
            "front-end", List.of("GET /", "GET /catalogue", "GET /cart", "POST /cart", "POST /orders", "GET /login"),
            "catalogue", List.of("GET /catalogue", "GET /catalogue/{id}", "GET /tags"),
            "carts", List.of("GET /carts/{customerId}/items", "POST /carts/{customerId}/items",
                    "DELETE /carts/{customerId}"),
            "user", List.of("GET /customers/{id}", "GET /addresses/{id}", "GET /cards/{id}", "GET /login"),
            "orders", List.of("POST /orders", "GET /orders/search/customerId"),
            "payment", List.of("POST /paymentAuth"),
            "shipping", List.of("POST /shipping"));

    private static final Map<String, String> DATABASE_STATEMENTS = Map.of(
            "mongodb", "find",
            "mysql", "SELECT",
            "redis", "GET");

    private Operations() {
    }

    /** A route or operation the service serves, e.g. {@code POST /paymentAuth}. */
    static String route(Service service, Random random) {
        List<String> routes = ROUTES.getOrDefault(service.name(), List.of("GET /health"));
        return routes.get(random.nextInt(routes.size()));
    }

    /** The name of a client span calling {@code callee}, per OpenTelemetry semantic conventions. */
    static String clientSpanName(Service callee, String route) {
        if (callee.kind() == ServiceKind.DATABASE) {
            return DATABASE_STATEMENTS.getOrDefault(callee.runtime(), "query") + " " + callee.name();
        }
        if (callee.kind() == ServiceKind.BROKER) {
            return "shipping-task publish";
        }
        return route.substring(0, route.indexOf(' '));
    }

    static String method(String route) {
        int space = route.indexOf(' ');
        return space < 0 ? "" : route.substring(0, space);
    }

    static String path(String route) {
        return route.substring(route.indexOf(' ') + 1);
    }
}
