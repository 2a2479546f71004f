package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A versioned migration is never edited once it has landed: a database that applied it records its checksum, and
 * Flyway refuses to start on one whose file has changed since. {@code sql/landed-migrations.sha256} holds the SHA-256
 * of every {@code V} migration ({@code cd sql/migrations && sha256sum -c ../landed-migrations.sha256}); a change goes
 * into a new migration. Repeatable {@code R__} migrations are meant to be edited and are not listed.
 */
class LandedMigrationsTest {

    private static final String LIST = "sql/landed-migrations.sha256";

    @Test
    void everyVersionedMigrationIsListedWithItsContentUnchanged() throws IOException {
        Path root = RepositoryRoot.find();
        Map<String, String> listed = listed(root.resolve(LIST));
        Map<String, String> present = versionedMigrations(root.resolve("sql/migrations"));
        TreeSet<String> unlisted = new TreeSet<>(present.keySet());
        unlisted.removeAll(listed.keySet());
        assertTrue(unlisted.isEmpty(), "migrations missing from " + LIST + ": " + unlisted
                + "; add their line (sha256sum) in the commit that adds them");
        listed.forEach((file, hash) -> assertEquals(hash, present.get(file), file + " changed after it landed ("
                + LIST + "): a landed migration is never edited, write a new migration instead"));
    }

    /** The list's lines, {@code sha256sum}'s format: the hash, two spaces, the file name. */
    private static Map<String, String> listed(Path list) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (String line : Files.readAllLines(list)) {
            String[] fields = line.split(" {2}", 2);
            assertEquals(2, fields.length, "not a sha256sum line in " + LIST + ": " + line);
            hashes.put(fields[1], fields[0]);
        }
        return hashes;
    }

    private static Map<String, String> versionedMigrations(Path folder) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("V")).toList()) {
                hashes.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
