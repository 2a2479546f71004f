package io.rootscope.backend.etl.topology;

import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * One in-process Neo4j per test JVM, reached over real Bolt. Its HTTP server is disabled (its Jetty conflicts
 * with the backend's), and it is closed only when the JVM exits because closing is slow.
 */
final class Neo4jTestServer {

    private static Neo4j neo4j;
    private static Driver driver;

    private Neo4jTestServer() {
    }

    static synchronized Driver driver() {
        if (driver == null) {
            neo4j = Neo4jBuilders.newInProcessBuilder().withDisabledServer().build();
            driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                driver.close();
                neo4j.close();
            }));
        }
        return driver;
    }
}
