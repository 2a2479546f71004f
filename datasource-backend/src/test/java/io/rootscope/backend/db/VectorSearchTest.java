package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nearest-neighbour search over embeddings is served by the HNSW indexes. */
class VectorSearchTest {

    private static final int DIMENSION = 384;
    private static final int CHUNKS = 3000;
    private static DataSource db;
    private static String probe;

    @BeforeAll
    static void loadChunks() throws SQLException {
        db = TestDatabase.shared().dataSource();
        Random random = new Random(42);
        long doc = Long.parseLong(Rows.single(db,
                "INSERT INTO kb_doc (tenant_id, source, title) VALUES (1, 'test', 'runbook') RETURNING doc_id"));
        try (Connection connection = db.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO kb_chunk (doc_id, chunk_idx, content, embedding) VALUES (?, ?, ?, ?::public.vector)")) {
            for (int i = 0; i < CHUNKS; i++) {
                insert.setLong(1, doc);
                insert.setInt(2, i);
                insert.setString(3, "chunk " + i);
                insert.setString(4, vector(random));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Rows.execute(db, "ANALYZE kb_chunk");
        probe = vector(random);
    }

    @Test
    void knnQueryUsesTheHnswIndex() throws SQLException {
        String plan = String.join("\n", Rows.column(db, "EXPLAIN SELECT chunk_id FROM kb_chunk ORDER BY embedding <=> '"
                + probe + "'::public.vector LIMIT 5"));
        assertTrue(plan.contains("kb_chunk_embedding_hnsw"), plan);
    }

    @Test
    void knnFindsTheExactVectorFirst() throws SQLException {
        String target = Rows.single(db, "SELECT embedding::text FROM kb_chunk WHERE chunk_idx = 1234");
        try (Connection connection = db.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT chunk_idx FROM kb_chunk ORDER BY embedding <=> ?::public.vector LIMIT 1")) {
            query.setString(1, target);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next());
                assertEquals(1234, rows.getInt(1));
            }
        }
    }

    @Test
    void anomalyProfileSearchUsesItsHnswIndex() throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            // Too few profiles for the planner to prefer the index on its own; what is checked is that it can.
            statement.execute("SET enable_seqscan = off");
            StringJoiner zeros = new StringJoiner(",", "[", "]");
            for (int i = 0; i < 64; i++) {
                zeros.add(i == 0 ? "1" : "0");
            }
            try (ResultSet plan = statement.executeQuery("EXPLAIN SELECT profile_id FROM anomaly_profile ORDER BY profile <=> '"
                    + zeros + "'::public.vector LIMIT 5")) {
                StringBuilder text = new StringBuilder();
                while (plan.next()) {
                    text.append(plan.getString(1)).append('\n');
                }
                assertTrue(text.toString().contains("anomaly_profile_hnsw"), text.toString());
            }
        }
    }

    private static String vector(Random random) {
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        for (int i = 0; i < DIMENSION; i++) {
            joiner.add(Float.toString((float) random.nextGaussian()));
        }
        return joiner.toString();
    }
}
